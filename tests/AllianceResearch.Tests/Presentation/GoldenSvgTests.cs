using AllianceResearch.Presentation.Charts;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Presentation;

/// <summary>
/// Pins the exact bytes of a few reference charts. A layout change shows up here as a failure; after
/// looking at the new drawing, regenerate on purpose with <c>UPDATE_GOLDEN=1 dotnet test … --filter GoldenSvg</c>.
/// </summary>
public class GoldenSvgTests
{
    public static TheoryData<string> Pinned() => new("line", "event-study", "forest", "waterfall", "heatmap");

    [Theory]
    [MemberData(nameof(Pinned))]
    public void MatchesGoldenFile(string name)
    {
        var svg = ChartSamples.All().Single(c => c.Name == name).Chart.ToSvg();
        var path = RepoPaths.InRepo("tests", "AllianceResearch.Tests", "Presentation", "golden", name + ".svg");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            AtomicFile.WriteAllText(path, svg);
            return;
        }
        Assert.True(File.Exists(path), $"Golden file {path} is missing. Create it deliberately with UPDATE_GOLDEN=1 after checking the drawing.");
        var expected = File.ReadAllText(path);
        if (expected == svg) return;
        var at = Enumerable.Range(0, Math.Min(expected.Length, svg.Length)).FirstOrDefault(i => expected[i] != svg[i], Math.Min(expected.Length, svg.Length));
        var actualPath = Path.Combine(Path.GetTempPath(), $"golden-actual-{name}.svg");
        File.WriteAllText(actualPath, svg);
        Assert.Fail($"{name}.svg differs from the golden file at character {at}: expected …{Snippet(expected, at)}… but got …{Snippet(svg, at)}…. " +
                    $"New output written to {actualPath}; if the change is intended, look at it and regenerate with UPDATE_GOLDEN=1.");
    }

    private static string Snippet(string s, int at) => s.Substring(Math.Max(0, at - 40), Math.Min(80, s.Length - Math.Max(0, at - 40)));
}
