using System.CommandLine;
using System.Text.Json;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.PaymentEngine;

/// <summary>`alliance payment run` and `alliance simulate alliance` end to end, in process.</summary>
public class PaymentEngineCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AllianceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void Run_Json_ReportsEveryMethodAndTheSettlement()
    {
        var dir = Directory.CreateTempSubdirectory("scn").FullName;
        try
        {
            var file = Path.Combine(dir, "s.json");
            File.WriteAllText(file, """
                { "name": "small", "claims": { "syntheticSeed": 5 }, "budget": { "method": "ffsMultiple", "multiple": 1.05 },
                  "methods": [ { "kind": "ffs" }, { "kind": "globalBudget" } ], "settlement": { "preset": "antiStintingCap" } }
                """);
            var (code, output, err) = Run("payment", "run", "--scenario", file, "--json");
            Assert.True(code == 0, err);
            using var doc = JsonDocument.Parse(output);
            var methods = doc.RootElement.GetProperty("methods");
            Assert.Equal(2, methods.GetArrayLength());
            // Budget = 1.05 × FFS fund-liable spending, so the surplus is about 1/21 of the budget (≤ 15 %: kept in full).
            var s = doc.RootElement.GetProperty("settlement");
            Assert.Equal(s.GetProperty("budget").GetDecimal() - s.GetProperty("actual").GetDecimal(), s.GetProperty("allianceRetained").GetDecimal());
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Run_BadScenario_ExitCode2_NamesFileAndPath()
    {
        var dir = Directory.CreateTempSubdirectory("scn").FullName;
        try
        {
            var file = Path.Combine(dir, "bad.json");
            File.WriteAllText(file, """{ "name": "x", "claims": { "syntheticSeed": 1 }, "methods": [ { "kind": "composite" } ] }""");
            var (code, _, err) = Run("payment", "run", "--scenario", file);
            Assert.Equal(2, code);
            Assert.Contains("bad.json", err);
            Assert.Contains("$.methods[0].kind", err);
        }
        finally { Directory.Delete(dir, true); }
    }
}
