using System.CommandLine;
using System.Text.Json;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.PaymentIncentives;

/// <summary>`alliance payment advise` and `alliance payment incentive` end to end, in process.</summary>
public class PaymentIncentiveCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AllianceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string Scenario(string name) => RepoPaths.InRepo("datasets", "scenarios", "doc003", name + ".json");

    [Fact]
    public void Advise_LuohuContext_RecommendsInsuranceLedPlusGovernment()
    {
        var (code, output, _) = Run("payment", "advise", "--economy", "developed", "--type", "tight", "--stage", "middle",
            "--unified", "all", "--label", "Shenzhen Luohu");
        Assert.Equal(0, code);
        Assert.Contains("Recommended combination: Insurance-led (医保主导型) + Government-led (政府主导型)", output);
        Assert.Contains("Global budget eligible: yes", output);
    }

    [Fact]
    public void Advise_Json_ListsMissingUnifications()
    {
        var (code, output, _) = Run("payment", "advise", "--economy", "underdeveloped", "--type", "tight",
            "--unified", "personnel,finance,assets,business", "--json");
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output);
        Assert.False(doc.RootElement.GetProperty("globalBudgetEligible").GetBoolean());
        Assert.Equal(["drugCatalogue", "drugDistribution"],
            doc.RootElement.GetProperty("missingUnifications").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public void Advise_BadValues_AreClearErrors()
    {
        var (code, _, err) = Run("payment", "advise", "--economy", "rich", "--type", "tight");
        Assert.NotEqual(0, code);
        Assert.Contains("rich", err);
        Assert.Contains("developed", err);

        var (code2, _, err2) = Run("payment", "advise", "--economy", "developed", "--type", "tight", "--unified", "people");
        Assert.Equal(2, code2);
        Assert.Contains("--unified: 'people' is not one of the six unifications", err2);

        var (code3, _, err3) = Run("payment", "advise", "--type", "tight");
        Assert.NotEqual(0, code3);
        Assert.Contains("--economy", err3);
    }

    [Fact]
    public void Incentive_Scenario_PrintsBalancesAndExplainsAMember()
    {
        var (code, output, _) = Run("payment", "incentive", "--contract", Scenario("xiamen-three-doctors"), "--member", "c05");
        Assert.Equal(0, code);
        // 44,000 × ¥36 = ¥1,584,000 cut pro rata 88/90 = ¥1,548,800.
        Assert.Contains("¥1,548,800.00", output);
        Assert.Contains("pro rata: evaluationScore = 88 < target 90", output);
    }

    [Fact]
    public void Incentive_ContractPlusCsv_Json()
    {
        var dir = Directory.CreateTempSubdirectory("incentive-cli-");
        try
        {
            var contract = Path.Combine(dir.FullName, "c.json");
            File.WriteAllText(contract, """
                { "id": "lab", "clauses": [ { "kind": "split", "id": "rev", "source": "lab", "amount": 1000,
                  "shares": [ { "recipient": "county", "weight": 6 }, { "recipient": "townships", "weight": 4 } ] } ] }
                """);
            var csv = Path.Combine(dir.FullName, "m.csv");
            File.WriteAllText(csv, "member,name\ncounty,County hospital\ntownships,Townships\n");
            var (code, output, err) = Run("payment", "incentive", "--contract", contract, "--metrics", csv, "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var parties = doc.RootElement.GetProperty("parties").EnumerateArray()
                .ToDictionary(p => p.GetProperty("party").GetString()!, p => p.GetProperty("net").GetDecimal());
            Assert.Equal(600m, parties["county"]);     // 1,000 × 6/10
            Assert.Equal(400m, parties["townships"]);  // 1,000 × 4/10
            Assert.Equal(-1000m, parties["lab"]);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void Incentive_Errors_NameTheFileAndProblem()
    {
        var (code, _, err) = Run("payment", "incentive", "--contract", "no-such-file.json");
        Assert.Equal(1, code);
        Assert.Contains("file not found", err);

        var dir = Directory.CreateTempSubdirectory("incentive-cli-");
        try
        {
            var contract = Path.Combine(dir.FullName, "bare.json");
            File.WriteAllText(contract, """{ "id": "x", "clauses": [ { "kind": "rate", "id": "r", "payer": "p", "rate": 0.1, "baseMetric": "rev" } ] }""");
            var (code2, _, err2) = Run("payment", "incentive", "--contract", contract);
            Assert.Equal(1, code2);
            Assert.Contains("--metrics is required: bare.json is a bare contract", err2);

            var csv = Path.Combine(dir.FullName, "m.csv");
            File.WriteAllText(csv, "member,rev\np,\nq,abc\n");
            var (code3, _, err3) = Run("payment", "incentive", "--contract", contract, "--metrics", csv);
            Assert.Equal(1, code3);
            Assert.Contains("m.csv: row 3, column 'rev': 'abc' is not a number", err3);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public void HelpShowsExamples()
    {
        var (_, output, _) = Run("payment", "incentive", "--help");
        Assert.Contains("Examples:", output);
        Assert.Contains("--contract", output);
    }
}
