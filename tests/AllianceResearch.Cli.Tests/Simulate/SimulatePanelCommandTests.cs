using System.CommandLine;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.Simulate;

/// <summary>`alliance simulate panel` end to end, in process.</summary>
public sealed class SimulatePanelCommandTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-cli-panel-" + Guid.NewGuid().ToString("N"));

    public SimulatePanelCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = AllianceCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (code, output.ToString(), error.ToString());
    }

    [Fact]
    public void DefaultSeedWritesTheCommittedSnapshot()
    {
        var csv = Path.Combine(_dir, "panel.csv");
        var truth = Path.Combine(_dir, "truth.csv");
        var (code, output, err) = Run("simulate", "panel", "--seed", "754", "--out", csv, "--truth", truth);
        Assert.True(code == 0, err);
        Assert.Contains("SYNTHETIC", output);
        Assert.True(File.ReadAllText(RepoPaths.InRepo("datasets", "synthetic", "county_panel.csv")) == File.ReadAllText(csv),
            "the CLI's panel differs from datasets/synthetic/county_panel.csv");
        Assert.Equal(File.ReadAllText(RepoPaths.InRepo("datasets", "synthetic", "county_panel_truth.csv")), File.ReadAllText(truth));
        Assert.Empty(Directory.GetFiles(_dir, "*.tmp")); // atomic write leaves no temporary file
    }

    [Fact]
    public void KnobThatCannotBeHonouredFailsWithAMessage()
    {
        var (code, _, err) = Run("simulate", "panel", "--out", Path.Combine(_dir, "x.csv"), "--noise-scale", "0");
        Assert.Equal(2, code);
        Assert.Contains("NoiseScale", err);
        Assert.False(File.Exists(Path.Combine(_dir, "x.csv")));
    }
}
