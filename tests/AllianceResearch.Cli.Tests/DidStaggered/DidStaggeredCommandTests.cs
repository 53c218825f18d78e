using System.CommandLine;
using System.Text.Json;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.DidStaggered;

/// <summary>`alliance did cs|sunab|imputation|bacon|placebo` end to end on mpdta, checked against the R reference files.</summary>
public sealed class DidStaggeredCommandTests
{
    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AllianceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Args(string command, params string[] more) =>
        ["did", command, "--data", RepoPaths.Reference("mpdta.csv"), "--y", "lemp", "--unit", "countyreal", "--time", "year",
         "--cohort", "first.treat", .. more];

    [Fact]
    public void CsDynamicJsonCarriesAttGtAndTheAggregateOfDid()
    {
        var (code, output, err) = Run(Args("cs", "--aggregate", "dynamic", "--json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("callaway_santanna", root.GetProperty("estimator").GetString());
        var attgt = root.GetProperty("att_gt");
        Assert.Equal(12, attgt.GetArrayLength());
        // mpdta_did_attgt.csv, never-treated, no covariates, dr, varying: ATT(2004, 2004).
        Assert.Equal(2004, attgt[0].GetProperty("group").GetDouble());
        Assert.Equal(-0.010503246220963524, attgt[0].GetProperty("att").GetDouble(), 1e-12);
        Assert.Equal(0.023251036368166198, attgt[0].GetProperty("std_error").GetDouble(), 1e-12);
        var agg = root.GetProperty("aggregate");
        Assert.Equal("dynamic", agg.GetProperty("type").GetString());
        // mpdta_did_aggte.csv: dynamic overall and event time 0.
        Assert.Equal(-0.077239821457316116, agg.GetProperty("att").GetDouble(), 1e-12);
        Assert.Equal(0.019964989061849233, agg.GetProperty("std_error").GetDouble(), 1e-12);
        var e0 = agg.GetProperty("components").EnumerateArray().Single(c => c.GetProperty("event_time").GetDouble() == 0);
        Assert.Equal(-0.019931816789259777, e0.GetProperty("att").GetDouble(), 1e-12);
        Assert.Equal(0.011826364058058191, e0.GetProperty("std_error").GetDouble(), 1e-12);
        Assert.Equal("ATT", root.GetProperty("coefficients")[0].GetProperty("term").GetString());
    }

    [Fact]
    public void CsWithCovariatesNotYetTreatedAndBootstrapIsDeterministic()
    {
        var a = Run(Args("cs", "--control", "notyet", "--x", "lpop", "--aggregate", "group", "--bootstrap", "199", "--seed", "9", "--json"));
        var b = Run(Args("cs", "--control", "notyet", "--x", "lpop", "--aggregate", "group", "--bootstrap", "199", "--seed", "9", "--json"));
        Assert.True(a.Code == 0, a.Err);
        Assert.Equal(a.Out, b.Out);
        using var doc = JsonDocument.Parse(a.Out);
        Assert.True(doc.RootElement.GetProperty("aggregate").GetProperty("uniform_band").GetBoolean());
        Assert.Equal("group", doc.RootElement.GetProperty("aggregate").GetProperty("components")[0].EnumerateObject().First().Name);
    }

    [Fact]
    public void SunabJsonMatchesFixest()
    {
        var (code, output, err) = Run(Args("sunab", "--json"));
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var coefs = doc.RootElement.GetProperty("coefficients");
        // mpdta_fixest_sunab.csv agg_ATT row.
        Assert.Equal("ATT", coefs[0].GetProperty("term").GetString());
        Assert.Equal(-0.03995127515517434, coefs[0].GetProperty("estimate").GetDouble(), 1e-12);
        Assert.Equal(0.011796277441753992, coefs[0].GetProperty("std_error").GetDouble(), 1e-12);
        Assert.Contains(coefs.EnumerateArray(), c => c.GetProperty("term").GetString() == "rel::-4");
    }

    [Fact]
    public void ImputationBaconAndPlaceboRun()
    {
        var imp = Run(Args("imputation", "--horizons", "all", "--pretrends", "-3,-2,-1", "--json"));
        Assert.True(imp.Code == 0, imp.Err);
        using (var doc = JsonDocument.Parse(imp.Out))
        {
            var first = doc.RootElement.GetProperty("coefficients")[0];
            Assert.Equal("rel::0", first.GetProperty("term").GetString());
            Assert.Equal(0.01357724974647009, first.GetProperty("std_error").GetDouble(), 1e-9); // mpdta_didimputation.csv
            Assert.Equal(3, doc.RootElement.GetProperty("pretrend_test").GetProperty("df").GetInt32());
        }
        var bacon = Run(Args("bacon", "--json"));
        Assert.True(bacon.Code == 0, bacon.Err);
        using (var doc = JsonDocument.Parse(bacon.Out))
        {
            Assert.Equal(-0.036548936674066557, doc.RootElement.GetProperty("coefficients")[0].GetProperty("estimate").GetDouble(), 1e-12);
            Assert.Equal(9, doc.RootElement.GetProperty("comparisons").GetArrayLength());
        }
        var placebo = Run(Args("placebo", "--draws", "50", "--seed", "4", "--json"));
        Assert.True(placebo.Code == 0, placebo.Err);
        using (var doc = JsonDocument.Parse(placebo.Out))
        {
            Assert.Equal(50, doc.RootElement.GetProperty("placebo").GetArrayLength());
            var p = doc.RootElement.GetProperty("coefficients")[0].GetProperty("p_value").GetDouble();
            Assert.InRange(p, 1.0 / 51, 1.0);
        }
    }

    [Fact]
    public void BadInputGivesAClearErrorAndExitCode2()
    {
        var (code, _, err) = Run(Args("cs", "--x", "nosuchcolumn"));
        Assert.Equal(2, code);
        Assert.Contains("nosuchcolumn", err);
        var text = Run(Args("cs", "--aggregate", "calendar"));
        Assert.Equal(0, text.Code);
        Assert.Contains("Effect by calendar period", text.Out);
    }
}
