using System.Diagnostics;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using static AllianceResearch.Notebooks.Tests.EngineFixture;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>Failing cells: error outputs with the cell's own line numbers, stop-and-clear, clear refusals, timeout, atomic write.</summary>
public sealed class FailureTests(EngineFixture fixture)
{
    private static Notebook RuntimeFailure()
    {
        var stale = Code("a");
        stale["execution_count"] = 9;
        stale["outputs"] = new JsonArray(new JsonObject { ["name"] = "stdout", ["output_type"] = "stream", ["text"] = "stale\n" });
        return Build(
            Markdown("# Fails"),                                                              // 1
            Code("var a = 1;\nvoid Fail(string message) =>\n    throw new InvalidOperationException(message);"), // 2
            Code("Console.WriteLine(\"before\");\nvar path = Path.GetFullPath(\"x.csv\");\nFail($\"missing {path}\");"), // 3
            stale);                                                                           // 4
    }

    private static JsonObject Error(NotebookRunResult result, int cellNumber) =>
        ((JsonArray)result.Notebook.Cell(cellNumber - 1)["outputs"]!).Select(o => o!.AsObject()).Single(o => o["output_type"]!.GetValue<string>() == "error");

    [Fact]
    public async Task RuntimeExceptionNamesCellAndLineAndTracebackUsesCellLines()
    {
        var result = await fixture.RunOnce("runtime-failure", RuntimeFailure);
        Assert.NotNull(result.Failure);
        Assert.Equal(3, result.Failure!.CellNumber);
        // The innermost frame inside the failing cell is the call on line 3.
        Assert.Equal(3, result.Failure.Line);
        Assert.StartsWith("cell 3 (counting all cells, Markdown included), line 3: System.InvalidOperationException", result.Failure.Describe());

        var error = Error(result, 3);
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        var traceback = ((JsonArray)error["traceback"]!).Select(l => l!.GetValue<string>()).ToList();
        Assert.Equal(
            ["System.InvalidOperationException: missing x.csv",
             "   at Fail(String message) in cell 2, line 3",
             "   at cell 3, line 3"],
            traceback);
    }

    [Fact]
    public async Task MachinePathIsStrippedFromTheMessage()
    {
        var result = await fixture.RunOnce("runtime-failure", RuntimeFailure);
        var evalue = Error(result, 3)["evalue"]!.GetValue<string>();
        Assert.Equal("missing x.csv", evalue);
        Assert.DoesNotContain(fixture.Root, result.Notebook.ToJson());
    }

    [Fact]
    public async Task OutputBeforeTheErrorIsKeptAndLaterCellsAreCleared()
    {
        var result = await fixture.RunOnce("runtime-failure", RuntimeFailure);
        var outputs = (JsonArray)result.Notebook.Cell(2)["outputs"]!;
        Assert.Equal("before\n", Notebook.JoinMultiline(outputs[0]!["text"]));
        var after = result.Notebook.Cell(3);
        Assert.Empty((JsonArray)after["outputs"]!);
        Assert.Null(after["execution_count"]);
        Assert.Equal(2, result.CellsRun);
    }

    [Fact]
    public async Task CompilationErrorPointsAtLineAndColumn()
    {
        var result = await fixture.RunOnce("compile-error", () => Build(Code("var x = 1;\nvar y = undefinedName;")));
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Equal(2, result.Failure.Line);
        var error = Error(result, 1);
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 1, line 2, column 9: error CS0103: The name 'undefinedName' does not exist", error["evalue"]!.GetValue<string>());
        // The command's message adds "cell 1 (…), line 2: " itself, so the failure does not repeat the place.
        Assert.Equal("error CS0103 (column 9): The name 'undefinedName' does not exist in the current context", result.Failure.Message);
    }

    [Fact]
    public async Task NugetReferenceIsRefusedWithWhatToDoInstead()
    {
        var result = await fixture.RunOnce("nuget", () => Build(Code("// packages\n#r \"nuget: Newtonsoft.Json, 13.0.3\"")));
        Assert.Equal(2, result.Failure!.Line);
        Assert.Contains("fetching NuGet packages is not supported", result.Failure.Message);
        Assert.Contains("Reference a built DLL by path instead", result.Failure.Message);
        Assert.Equal("NotebookError", Error(result, 1)["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 1, line 2: #r \"nuget: Newtonsoft.Json, 13.0.3\": fetching NuGet packages is not supported", Error(result, 1)["evalue"]!.GetValue<string>());
        Assert.StartsWith("#r \"nuget: Newtonsoft.Json, 13.0.3\"", result.Failure.Message);
    }

    [Fact]
    public async Task MissingReferencedDllSaysToBuildFirst()
    {
        var result = await fixture.RunOnce("missing-dll", () => Build(Code("#r \"../lib/NotBuilt.dll\"")));
        Assert.Equal(1, result.Failure!.Line);
        Assert.Contains("file not found (../lib/NotBuilt.dll)", result.Failure.Message);
        Assert.Contains("Build first", result.Failure.Message);
    }

    [Fact]
    public async Task RunawayCellIsStoppedAtTheTimeout()
    {
        var watch = Stopwatch.StartNew();
        var result = await fixture.RunOnce("timeout",
            () => Build(Code("System.Threading.Thread.Sleep(TimeSpan.FromMinutes(5));"), Code("1")),
            new RunOptions { CellTimeout = TimeSpan.FromSeconds(2) });
        // Kernel start-up has its own allowance, so only the cell's 2 s count; 60 s is a generous ceiling on a loaded machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        Assert.Equal(1, result.Failure!.CellNumber);
        Assert.Contains("did not finish within the timeout of 2 s", result.Failure.Message);
        Assert.Equal("TimeoutError", Error(result, 1)["ename"]!.GetValue<string>());
        Assert.Empty((JsonArray)result.Notebook.Cell(1)["outputs"]!);
    }

    [Fact]
    public async Task FailingNotebookFileIsReplacedWholeWithItsErrorAndNoTempFileRemains()
    {
        var directory = Directory.CreateDirectory(Path.Combine(fixture.NotebookDirectory, "atomic-run")).FullName;
        var path = Path.Combine(directory, "failing.ipynb");
        File.WriteAllText(path, Build(Code("throw new Exception(\"bad\");")).ToJson(), Notebook.FileEncoding);

        var result = await NotebookRunner.RunFileAsync(path, new RunOptions(), TestContext.Current.CancellationToken);

        Assert.False(result.Succeeded);
        var written = Notebook.Load(path);
        Assert.Equal(result.Notebook.ToJson(), File.ReadAllText(path, Notebook.FileEncoding));
        Assert.Equal("error", written.Cell(0)["outputs"]![0]!["output_type"]!.GetValue<string>());
        Assert.Equal(["failing.ipynb"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public void WriteThatFailsHalfwayLeavesTheOriginalFileAndNoTempFile()
    {
        var directory = Directory.CreateDirectory(Path.Combine(fixture.Root, "atomic-" + Guid.NewGuid().ToString("N")[..6])).FullName;
        var path = Path.Combine(directory, "nb.ipynb");
        File.WriteAllText(path, "original");

        var thrown = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("half a notebo"u8);
            throw new IOException("disk full");
        }));

        Assert.Equal("disk full", thrown.Message);
        Assert.Equal("original", File.ReadAllText(path));
        Assert.Equal(["nb.ipynb"], Directory.GetFiles(directory).Select(Path.GetFileName));
    }

    [Fact]
    public async Task NonCSharpCellIsRefused()
    {
        var cell = Code("printfn \"hi\"");
        cell["metadata"] = new JsonObject { ["polyglot_notebook"] = new JsonObject { ["kernelName"] = "fsharp" } };
        var result = await NotebookRunner.ExecuteAsync(Build(Markdown("x"), cell), fixture.NotebookDirectory, new RunOptions(), TestContext.Current.CancellationToken);
        Assert.Equal(2, result.Failure!.CellNumber);
        Assert.Contains("'fsharp' cell; only C# cells run here", result.Failure.Message);
    }
}
