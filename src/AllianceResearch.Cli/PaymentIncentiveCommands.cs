using System.CommandLine;
using System.Text.Json;
using AllianceResearch.Payment.Guide;
using AllianceResearch.Payment.Incentives;

namespace AllianceResearch.Cli;

/// <summary>`alliance payment advise|incentive`: incentive models and the selection guide.</summary>
internal static class PaymentIncentiveCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        parent.Subcommands.Add(CreateAdvise());
        parent.Subcommands.Add(CreateIncentive());
    }

    private static readonly Dictionary<string, Unification> UnificationNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["personnel"] = Unification.Personnel,
        ["finance"] = Unification.Finance,
        ["assets"] = Unification.Assets,
        ["business"] = Unification.Business,
        ["drug-catalogue"] = Unification.DrugCatalogue,
        ["drug-distribution"] = Unification.DrugDistribution,
    };

    private static Command CreateAdvise()
    {
        var economy = new Option<string>("--economy")
        {
            Description = "Economy and fiscal capacity: developed (经济发达、财政充裕) or underdeveloped (经济欠发达、财政紧张).",
            Required = true,
        };
        economy.AcceptOnlyFromAmong("developed", "underdeveloped");
        var type = new Option<string>("--type")
        {
            Description = "Consortium type: tight (人财物统一管理) or loose (技术协作为主).",
            Required = true,
        };
        type.AcceptOnlyFromAmong("tight", "loose");
        var resources = new Option<string?>("--resources")
        {
            Description = "Resource structure: inverted (tertiary strong, primary weak) or upright (primary strong, tertiary lacking).",
        };
        resources.AcceptOnlyFromAmong("inverted", "upright");
        var stage = new Option<string?>("--stage") { Description = "Reform stage: early, middle or deepening." };
        stage.AcceptOnlyFromAmong("early", "middle", "deepening");
        var unified = new Option<string?>("--unified")
        {
            HelpName = "list|all|none",
            Description = "Unifications achieved (document 001's six), comma-separated from: " +
                          string.Join(", ", UnificationNames.Keys) + "; or 'all' or 'none'. Omit if not assessed.",
        };
        var label = new Option<string?>("--label") { HelpName = "name", Description = "A name for the consortium, shown in the output." };
        var json = new Option<bool>("--json") { Description = "Write the advice as JSON instead of text." };

        var command = new Command("advise",
            "Recommend a combination of document 003's four incentive models for a consortium's context, explaining each step;\n" +
            "document 001's six unifications gate the global budget (insurance-led model).\n\n" +
            "Examples:\n" +
            "  alliance payment advise --economy developed --type tight --stage middle --unified all --label \"Shenzhen Luohu\"\n" +
            "  alliance payment advise --economy underdeveloped --type tight --unified personnel,finance,assets,business --json")
        {
            economy, type, resources, stage, unified, label, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var context = new AdvisorContext
                {
                    Label = parse.GetValue(label),
                    Economy = parse.GetValue(economy) == "developed" ? EconomyLevel.Developed : EconomyLevel.Underdeveloped,
                    Type = parse.GetValue(type) == "tight" ? ConsortiumType.Tight : ConsortiumType.Loose,
                    Resources = parse.GetValue(resources) switch
                    {
                        "inverted" => ResourceStructure.InvertedTriangle,
                        "upright" => ResourceStructure.UprightTriangle,
                        _ => null,
                    },
                    Stage = parse.GetValue(stage) switch
                    {
                        "early" => ReformStage.Early,
                        "middle" => ReformStage.Middle,
                        "deepening" => ReformStage.Deepening,
                        _ => null,
                    },
                    Unifications = ParseUnifications(parse.GetValue(unified)),
                };
                var advice = IncentiveAdvisor.Advise(context);
                output.Write(parse.GetValue(json) ? AdviceJson(advice) + Environment.NewLine : advice.ToString());
                return 0;
            }
            catch (ArgumentException ex)
            {
                error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }

    private static List<Unification>? ParseUnifications(string? text)
    {
        if (text is null) return null;
        var trimmed = text.Trim();
        if (trimmed.Equals("all", StringComparison.OrdinalIgnoreCase)) return [.. Enum.GetValues<Unification>()];
        if (trimmed.Equals("none", StringComparison.OrdinalIgnoreCase) || trimmed.Length == 0) return [];
        var list = new List<Unification>();
        foreach (var part in trimmed.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!UnificationNames.TryGetValue(part, out var u))
            {
                throw new ArgumentException(
                    $"--unified: '{part}' is not one of the six unifications; valid: {string.Join(", ", UnificationNames.Keys)}, or 'all' / 'none'.");
            }
            if (!list.Contains(u)) list.Add(u);
        }
        return list;
    }

    private static string AdviceJson(Advice advice)
    {
        var dto = new
        {
            label = advice.Context.Label,
            combination = advice.Combination.Select(m => Camel(m.ToString())),
            combinationZh = advice.Combination.Select(m => advice.Guide.Model(m).NameZh),
            globalBudgetEligible = advice.GlobalBudgetEligible,
            missingUnifications = advice.Tightness?.Missing.Select(m => Camel(m.Id.ToString())),
            scores = advice.Scores.Select(s => new { model = Camel(s.Model.ToString()), votes = s.Votes, from = s.From, allowed = s.Allowed }),
            steps = advice.Steps.Select(s => new { number = s.Number, factor = s.Factor, finding = s.Finding, votes = s.Votes.Select(v => Camel(v.ToString())), source = s.Source }),
            measures = advice.Measures,
            warnings = advice.Warnings,
        };
        return JsonSerializer.Serialize(dto, IncentiveJson.Options);
    }

    private static string Camel(string s) => char.ToLowerInvariant(s[0]) + s[1..];

    private static Command CreateIncentive()
    {
        var contract = new Option<FileInfo>("--contract")
        {
            HelpName = "file.json",
            Description = "Incentive contract JSON (docs/incentives.md), or a scenario JSON holding a contract and its members.",
            Required = true,
        };
        var metrics = new Option<FileInfo?>("--metrics")
        {
            HelpName = "file.csv",
            Description = "Member metrics CSV: header member[,name],metric1,metric2,… (required unless --contract is a scenario with members).",
        };
        var member = new Option<string?>("--member") { HelpName = "id", Description = "Explain only this party's payments, step by step." };
        var json = new Option<bool>("--json") { Description = "Write the evaluation (balances, parties, every line with its steps) as JSON." };
        var command = new Command("incentive",
            "Evaluate an incentive contract against member metrics: every payment with its arithmetic, each clause's balance\n" +
            "(funded = paid + returned) and each party's net.\n\n" +
            "Examples:\n" +
            "  alliance payment incentive --contract datasets/scenarios/doc003/xiamen-three-doctors.json\n" +
            "  alliance payment incentive --contract my-contract.json --metrics members.csv --member c05\n" +
            "  alliance payment incentive --contract datasets/scenarios/doc003/tiantan-neurology.json --json")
        {
            contract, metrics, member, json,
        };
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            try
            {
                var contractFile = parse.GetValue(contract)!;
                var metricsFile = parse.GetValue(metrics);
                if (!contractFile.Exists) throw new FileNotFoundException($"--contract: file not found: {contractFile.FullName}");
                var text = File.ReadAllText(contractFile.FullName);
                IncentiveContract c;
                MemberMetrics m;
                if (IncentiveJson.LooksLikeScenario(text))
                {
                    var scenario = IncentiveJson.ParseScenario(text, contractFile.Name);
                    c = scenario.Contract;
                    m = metricsFile is null ? scenario.Metrics(contractFile.Name) : MemberMetrics.ReadCsv(metricsFile.FullName);
                }
                else
                {
                    c = IncentiveJson.ParseContract(text, contractFile.Name);
                    if (metricsFile is null)
                    {
                        throw new ArgumentException($"--metrics is required: {contractFile.Name} is a bare contract with no members.");
                    }
                    if (!metricsFile.Exists) throw new FileNotFoundException($"--metrics: file not found: {metricsFile.FullName}");
                    m = MemberMetrics.ReadCsv(metricsFile.FullName);
                }
                var evaluation = IncentiveEvaluator.Evaluate(c, m);
                var who = parse.GetValue(member);
                if (who is not null && evaluation.Parties.All(p => p.Party != who))
                {
                    throw new ArgumentException($"--member: '{who}' is not a party of this evaluation; parties: {string.Join(", ", evaluation.Parties.Select(p => p.Party))}.");
                }
                if (parse.GetValue(json)) output.WriteLine(IncentiveJson.Serialize(evaluation));
                else output.Write(who is null ? evaluation.ToString() : evaluation.Explain(who));
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or ArgumentException or IOException)
            {
                error.WriteLine($"error: {ex.Message}");
                return 1;
            }
        });
        return command;
    }
}
