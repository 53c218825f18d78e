using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>Two runs give identical bytes; check mode passes a reproduced notebook and pinpoints a changed output.</summary>
public sealed class DeterminismAndCheckTests(EngineFixture fixture)
{
    private async Task<string> RunFeaturesToFile(string name)
    {
        var path = fixture.Write(name, OutputTests.Features());
        var result = await NotebookRunner.RunFileAsync(path, new RunOptions(), TestContext.Current.CancellationToken);
        Assert.Null(result.Failure);
        return path;
    }

    [Fact]
    public async Task TwoRunsGiveIdenticalBytes()
    {
        var input = OutputTests.Features();
        var before = input.ToJson();
        var first = fixture.RunOnce("features", () => input);
        var path = await RunFeaturesToFile("determinism.ipynb");

        Assert.Equal((await first).Notebook.ToJson(), File.ReadAllText(path, Notebook.FileEncoding));
        // The runner works on a copy: the notebook it was given is unchanged.
        Assert.Equal(before, input.ToJson());
    }

    [Fact]
    public async Task CheckPassesOnAFreshlyRunNotebookAndFindsAChangedOutput()
    {
        var path = await RunFeaturesToFile("check.ipynb");
        var passed = await NotebookChecker.CheckFileAsync(path, new RunOptions(), TestContext.Current.CancellationToken);
        Assert.True(passed.Passed, NotebookChecker.Describe(path, passed.Differences));

        // Edit one committed output: cell 14's result (Twice(21) = 42) now claims 41.
        var edited = Notebook.Load(path);
        edited.Cell(13)["outputs"]![0]!["data"]!["text/plain"] = "41";
        var editedPath = fixture.Write("check-edited.ipynb", edited);

        var failed = await NotebookChecker.CheckFileAsync(editedPath, new RunOptions(), TestContext.Current.CancellationToken);

        Assert.False(failed.Passed);
        var difference = Assert.Single(failed.Differences);
        Assert.Equal(14, difference.CellNumber);
        Assert.Equal("output 1 (execute_result) text/plain", difference.Title);
        Assert.Equal(["-41", "+42"], difference.Diff);
        Assert.Contains("check-edited.ipynb: cell 14, output 1 (execute_result) text/plain differs (- committed, + fresh run):\n    -41\n    +42\n",
            NotebookChecker.Describe("check-edited.ipynb", failed.Differences));
        // Check never writes.
        Assert.Equal(edited.ToJson(), File.ReadAllText(editedPath, Notebook.FileEncoding));
    }

    [Fact]
    public void CompareReportsMissingAndExtraOutputsAndExecutionCounts()
    {
        var committed = EngineFixture.Build(EngineFixture.Code("x"));
        var fresh = committed.Clone();
        committed.Cell(0)["execution_count"] = 1;
        committed.Cell(0)["outputs"] = new JsonArray(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = "gone\n" });
        fresh.Cell(0)["execution_count"] = 2;

        var differences = NotebookChecker.Compare(committed, fresh);

        Assert.Equal(["execution_count", "output 1 (stream) is committed but no longer produced"], differences.Select(d => d.Title));
        Assert.Equal(["-1", "+2"], differences[0].Diff);
    }

    [Fact]
    public void LineDiffShowsContextAndPairsChangedLines()
    {
        var before = string.Join("\n", Enumerable.Range(1, 10).Select(i => $"row {i}"));
        var after = before.Replace("row 5", "row five");
        Assert.Equal(["@@ line 3 @@", " row 3", " row 4", "-row 5", "+row five", " row 6", " row 7"], NotebookChecker.LineDiff(before, after));
    }

    [Fact]
    public void BigChangeIsSummarisedThenCut()
    {
        var before = string.Join("\n", Enumerable.Range(1, 100).Select(i => $"a{i}"));
        var after = string.Join("\n", Enumerable.Range(1, 100).Select(i => i % 2 == 0 ? $"b{i}" : $"a{i}"));
        var diff = NotebookChecker.LineDiff(before, after);
        Assert.Equal("@@ 50 of 100 committed lines replaced by 50 of 100 @@", diff[0]);
        Assert.Equal(42, diff.Count);
        Assert.StartsWith("… ", diff[^1]);
    }

    [Fact]
    public void LongChangedLineIsShownAroundItsFirstDifference()
    {
        var before = "<svg>" + new string('a', 1000) + "X" + new string('b', 1000) + "</svg>";
        var after = before.Replace("X", "Y");
        var diff = NotebookChecker.LineDiff(before, after);
        Assert.Equal(2, diff.Count);
        Assert.StartsWith("-…[col 926] ", diff[0]);
        Assert.Contains("aX", diff[0]);
        Assert.Contains("aY", diff[1]);
        Assert.True(diff[0].Length < 200);
    }
}
