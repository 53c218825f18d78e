using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.Did;

/// <summary>`alliance did twfe|event` end to end, in process, on temp CSV files and on mpdta.</summary>
public sealed class DidTwfeCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-cli-twfe-" + Guid.NewGuid().ToString("N"));

    public DidTwfeCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AllianceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>mpdta with the treatment indicator D = 1{first.treat > 0, year ≥ first.treat} added, as fixest's reference did.</summary>
    private string MpdtaWithD()
    {
        var lines = File.ReadAllLines(RepoPaths.Reference("mpdta.csv"));
        var header = lines[0].Split(',');
        int year = Array.IndexOf(header, "year"), g = Array.IndexOf(header, "first.treat");
        var path = Path.Combine(_dir, "mpdta_d.csv");
        File.WriteAllLines(path, lines.Take(1).Select(l => l + ",D").Concat(lines.Skip(1).Select(l =>
        {
            var f = l.Split(',');
            double gv = double.Parse(f[g], CultureInfo.InvariantCulture), yv = double.Parse(f[year], CultureInfo.InvariantCulture);
            return l + (gv > 0 && yv >= gv ? ",1" : ",0");
        })));
        return path;
    }

    [Fact]
    public void TwfeJsonMatchesFixestClusterRow()
    {
        var (code, output, err) = Run("did", "twfe", "--data", MpdtaWithD(), "--y", "lemp", "--unit", "countyreal", "--time", "year",
            "--treat", "D", "--cluster", "countyreal", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("twfe", root.GetProperty("estimator").GetString());
        Assert.Equal(2500, root.GetProperty("nobs").GetInt64());
        Assert.Equal("cluster(countyreal), 500 clusters", root.GetProperty("vcov").GetString());
        var c = root.GetProperty("coefficients")[0];
        Assert.Equal("D", c.GetProperty("term").GetString());
        // fixest cluster row of reference/expected/mpdta_fixest_twfe.csv.
        Assert.Equal(-0.036548936674066557, c.GetProperty("estimate").GetDouble(), 1e-12);
        Assert.Equal(0.013265155429338669, c.GetProperty("std_error").GetDouble(), 1e-12);
        Assert.Equal(-2.75525883347216, c.GetProperty("statistic").GetDouble(), 1e-9);
        Assert.Equal(0.006078952163614584, c.GetProperty("p_value").GetDouble(), 1e-12);
        Assert.Equal(0.99321848593965578, root.GetProperty("r2").GetDouble(), 1e-12);
        Assert.Equal(0.0041692051606113667, root.GetProperty("r2_within").GetDouble(), 1e-12);
        Assert.True(c.GetProperty("ci_low").GetDouble() < -0.0365 && c.GetProperty("ci_high").GetDouble() > -0.0365);
    }

    [Fact]
    public void EventJsonNamesTermsByRelativeTimeAndReportsPretrend()
    {
        var (code, output, err) = Run("did", "event", "--data", RepoPaths.Reference("mpdta.csv"), "--y", "lemp", "--unit", "countyreal",
            "--time", "year", "--cohort", "first.treat", "--ref", "-1", "--json");
        Assert.True(code == 0, err);
        using var doc = JsonDocument.Parse(output);
        var terms = doc.RootElement.GetProperty("coefficients").EnumerateArray().Select(e => e.GetProperty("term").GetString()!).ToArray();
        Assert.Equal(["rel::-4", "rel::-3", "rel::-2", "rel::0", "rel::1", "rel::2", "rel::3"], terms);
        var rel2 = doc.RootElement.GetProperty("coefficients")[5];
        Assert.Equal(-0.13179485775431743, rel2.GetProperty("estimate").GetDouble(), 1e-12);
        Assert.Equal(0.028837407390067168, rel2.GetProperty("std_error").GetDouble(), 1e-12);
        Assert.Equal(3, doc.RootElement.GetProperty("pretrend_test").GetProperty("df1").GetInt32());
    }

    [Fact]
    public void EventWindowWithNegativeNumbersParses()
    {
        var (code, output, err) = Run("did", "event", "--data", RepoPaths.Reference("mpdta.csv"), "--y", "lemp", "--unit", "countyreal",
            "--time", "year", "--cohort", "first.treat", "--window", "-2,2", "--bin");
        Assert.True(code == 0, err);
        Assert.Contains("TWFE event study", output);
        Assert.Contains("Wald test", output);
    }

    [Fact]
    public void BadInputsGiveClearErrors()
    {
        var bad = Path.Combine(_dir, "bad.csv");
        File.WriteAllText(bad, "id,t,y,d\n1,1,1.0,0\n1,2,x,1\n2,1,1.0,0\n2,2,2.0,0\n");
        var (code, _, err) = Run("did", "twfe", "--data", bad, "--y", "y", "--unit", "id", "--time", "t", "--treat", "d");
        Assert.Equal(2, code);
        Assert.Contains("bad.csv: line 3, column 'y': cannot read 'x' as a number", err);

        var (code2, _, err2) = Run("did", "twfe", "--data", bad, "--y", "outcome", "--unit", "id", "--time", "t", "--treat", "d");
        Assert.Equal(2, code2);
        Assert.Contains("column 'outcome' not found", err2);

        var (code3, _, err3) = Run("did", "twfe", "--data", MpdtaWithD(), "--y", "lemp", "--unit", "countyreal", "--time", "year",
            "--treat", "D", "--vcov", "hetero", "--cluster", "countyreal");
        Assert.Equal(2, code3);
        Assert.Contains("conflicts with --vcov hetero", err3);

        var (code4, _, err4) = Run("did", "event", "--data", RepoPaths.Reference("mpdta.csv"), "--y", "lemp", "--unit", "countyreal",
            "--time", "year", "--cohort", "first.treat", "--window", "a,b");
        Assert.Equal(2, code4);
        Assert.Contains("--window must be two integers", err4);

        var (code5, _, err5) = Run("did", "twfe", "--data", Path.Combine(_dir, "nope.csv"), "--y", "y", "--unit", "id", "--time", "t", "--treat", "d");
        Assert.Equal(2, code5);
        Assert.Contains("file not found", err5);
    }
}

public sealed class DidTwfeCommandOptionTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-cli-twfe2-" + Guid.NewGuid().ToString("N"));

    public DidTwfeCommandOptionTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void InteractedFixedEffectsWeightsAndTwoWayClustersMatchTheLibrary()
    {
        // A small province panel written to CSV; the CLI result must equal the library call on the same file.
        var path = Path.Combine(_dir, "prov.csv");
        var sb = new System.Text.StringBuilder("county,year,province,y,d,x,pop\n");
        var rng = new Random(3);
        for (int c = 1; c <= 40; c++)
            for (int t = 2015; t <= 2020; t++)
            {
                int prov = (c - 1) / 10;
                double d = c % 3 == 0 && t >= 2018 ? 1 : 0;
                double x = Math.Round(rng.NextDouble(), 4);
                double y = Math.Round(c * 0.1 + t * 0.01 + prov * t * 0.001 + 0.5 * d + 0.3 * x + rng.NextDouble(), 4);
                sb.Append(CultureInfo.InvariantCulture, $"{c},{t},P{prov},{y},{d},{x},{50 + c}\n");
            }
        File.WriteAllText(path, sb.ToString());
        var output = new StringWriter();
        var code = AllianceCli.Build().Parse(["did", "twfe", "--data", path, "--y", "y", "--unit", "county", "--time", "year", "--treat", "d",
            "--x", "x", "--fe", "county,province^year", "--weights", "pop", "--cluster", "county,year", "--json"])
            .Invoke(new InvocationConfiguration { Output = output, Error = new StringWriter() });
        Assert.Equal(0, code);
        using var doc = JsonDocument.Parse(output.ToString());
        Assert.Equal("twoway(county, year), 40 × 6 clusters", doc.RootElement.GetProperty("vcov").GetString());

        var panel = AllianceResearch.Data.Panel.FromCsv(path, new AllianceResearch.Data.PanelSpec("county", "year")
        { Numeric = ["y", "d", "x"], Weights = "pop", Factors = ["province"], Treatment = "d" });
        var lib = AllianceResearch.Econometrics.Feols.Fit(panel, new AllianceResearch.Econometrics.FeolsSpec("y", ["d", "x"], ["county", "province^year"])
        { Weights = "pop", Vcov = AllianceResearch.Econometrics.Vcov.TwoWayCluster("county", "year") });
        var d0 = doc.RootElement.GetProperty("coefficients")[0];
        Assert.Equal("d", d0.GetProperty("term").GetString());
        Assert.Equal(lib.Estimate("d"), d0.GetProperty("estimate").GetDouble(), 14);
        Assert.Equal(lib.StdError("d"), d0.GetProperty("std_error").GetDouble(), 14);
        Assert.Equal(["county", "province^year"], lib.FixedEffects.Select(f => f.Name));
        Assert.Equal(24, lib.FixedEffects[1].Levels); // 4 provinces × 6 years
    }
}
