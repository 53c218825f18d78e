using System.CommandLine;
using System.Text.Json;
using AllianceResearch.Payment.Scenarios;

namespace AllianceResearch.Cli;

/// <summary>`alliance payment run` and friends: budgets, payment methods, settlement, scenarios.</summary>
internal static class PaymentEngineCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        var scenario = new Option<FileInfo>("--scenario") { Description = "Scenario JSON file (schema: docs/scenarios.md).", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the comparison as JSON instead of a table." };
        var command = new Command("run", "Run a payment scenario: every listed method on the same claims, with settlement, distribution, shifts and Monte Carlo.")
        { scenario, json };
        command.SetAction(parse =>
        {
            var file = parse.GetValue(scenario)!;
            ScenarioResult result;
            try
            {
                result = ScenarioRunner.RunFile(file.FullName);
            }
            catch (Exception e) when (e is InvalidDataException or FileNotFoundException or FormatException or InvalidOperationException or ArgumentException or KeyNotFoundException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"alliance payment run: {e.Message}");
                return 2;
            }
            if (parse.GetValue(json))
            {
                var payload = new
                {
                    scenario = result.Name,
                    budget = result.Budget,
                    methods = result.Comparison.Select(c => new
                    {
                        method = c.Method, fundOutlay = c.FundOutlay, allianceRevenue = c.AllianceRevenue, allianceSurplus = c.AllianceSurplus,
                        leadRevenue = c.LeadRevenue, primaryRevenue = c.PrimaryRevenue, outOfPocket = c.OutOfPocket, gainFromShifts = c.IncentiveToShift,
                    }),
                    settlement = result.Settlement is { } s ? new { s.Budget, s.Actual, s.AllianceRetained, s.AllianceLoss, s.ReturnedToFund, s.FundShareOfOverrun, s.FundPays } : null,
                    monteCarlo = result.MonteCarlo is { } mc ? new { mc.Draws, mc.Seed, mc.ProbabilityOfOverrun, p05 = mc.Quantile(0.05m), p50 = mc.Quantile(0.5m), p95 = mc.Quantile(0.95m) } : null,
                    shifts = result.ShiftSummary,
                    incentives = result.Incentives.Select(e => System.Text.Json.Nodes.JsonNode.Parse(AllianceResearch.Payment.Incentives.IncentiveJson.Serialize(e))),
                };
                parse.InvocationConfiguration.Output.WriteLine(JsonSerializer.Serialize(payload, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
                    Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(System.Text.Unicode.UnicodeRanges.All) }));
            }
            else
            {
                parse.InvocationConfiguration.Output.WriteLine(result);
            }
            return 0;
        });
        parent.Subcommands.Add(command);
    }
}
