using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using AllianceResearch.Notebooks.Kernel;

namespace AllianceResearch.Notebooks;

/// <summary>How to run notebooks.</summary>
public sealed record RunOptions
{
    /// <summary>The default per-cell limit: long enough for any honest analysis cell, short enough to stop a hang.</summary>
    public static readonly TimeSpan DefaultCellTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Longest time one cell may run before its kernel is killed.</summary>
    public TimeSpan CellTimeout { get; init; } = DefaultCellTimeout;

    /// <summary>Papermill-style parameters (<c>-p name=value</c>), in the order given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];
}

/// <summary>Where and why a notebook stopped.</summary>
/// <param name="CellNumber">1-based, counting every cell (Markdown included), as an editor shows them.</param>
/// <param name="Line">1-based line inside that cell, when known.</param>
/// <param name="Message">The error, one line.</param>
public sealed record NotebookFailure(int CellNumber, int? Line, string Message)
{
    /// <summary>"cell 4 (of all cells, Markdown included), line 2: …".</summary>
    public string Describe() =>
        $"cell {CellNumber} (counting all cells, Markdown included){(Line is { } l ? $", line {l}" : "")}: {Message}";
}

/// <summary>The executed notebook (outputs filled in) and how the run ended.</summary>
/// <param name="Notebook">A new notebook; the input is never changed.</param>
/// <param name="Failure">Null when every cell ran.</param>
/// <param name="CellsRun">Code cells executed.</param>
public sealed record NotebookRunResult(Notebook Notebook, NotebookFailure? Failure, int CellsRun)
{
    /// <summary>Whether every cell ran without error.</summary>
    public bool Succeeded => Failure is null;
}

/// <summary>
/// Executes a notebook's C# cells in order in a fresh kernel process and records their outputs the
/// way Jupyter does, deterministically: execution counts from 1, no timestamps, no machine paths.
/// </summary>
public static class NotebookRunner
{
    private static readonly HashSet<string> CSharpKernelNames = new(StringComparer.OrdinalIgnoreCase) { "csharp", "c#" };

    /// <summary>Runs <paramref name="notebook"/> in memory (nothing is written).</summary>
    /// <param name="notebook">The notebook; not modified.</param>
    /// <param name="notebookDirectory">Folder that <c>#r</c> and relative file paths resolve against.</param>
    /// <param name="options">Timeout and parameters.</param>
    /// <param name="cancellationToken">Stops the run (the kernel is killed).</param>
    public static async Task<NotebookRunResult> ExecuteAsync(Notebook notebook, string notebookDirectory, RunOptions options, CancellationToken cancellationToken = default)
    {
        var executed = NotebookParameters.Inject(notebook, options.Parameters);
        if (ReferenceEquals(executed, notebook)) executed = notebook.Clone();
        NotebookTemplate.Normalize(executed);
        var directory = Path.GetFullPath(notebookDirectory);
        var pathRoot = RepositoryRoot.Find(directory) ?? directory;

        KernelProcess? kernel = null;
        NotebookFailure? failure = null;
        var executionCount = 0;
        try
        {
            for (var index = 0; index < executed.Cells.Count; index++)
            {
                var cell = executed.Cell(index);
                if (Notebook.CellType(cell) != "code") continue;
                var source = Notebook.Source(cell);
                if (failure is not null || string.IsNullOrWhiteSpace(source))
                {
                    // Cells after a failure did not run: clear them rather than keep outputs from an older run.
                    cell["execution_count"] = null;
                    cell["outputs"] = new JsonArray();
                    continue;
                }
                executionCount++;
                CellRunResult result;
                var kernelName = Notebook.CellKernelName(cell);
                if (!CSharpKernelNames.Contains(kernelName))
                {
                    var message = $"cell {index + 1} is a '{kernelName}' cell; only C# cells run here (the Polyglot kernel that ran other languages is retired).";
                    result = new CellRunResult(
                        new JsonArray(new JsonObject
                        {
                            ["ename"] = "NotebookError",
                            ["evalue"] = message,
                            ["output_type"] = "error",
                            ["traceback"] = new JsonArray(JsonValue.Create(message)),
                        }),
                        new CellFailure(null, message));
                }
                else
                {
                    kernel ??= KernelProcess.Start(directory, pathRoot);
                    result = await kernel.RunCellAsync(source, index + 1, executionCount, options.CellTimeout, cancellationToken).ConfigureAwait(false);
                }
                cell["execution_count"] = executionCount;
                cell["outputs"] = result.Outputs;
                if (result.Failure is { } f) failure = new NotebookFailure(index + 1, f.Line, f.Message);
            }
        }
        finally
        {
            if (kernel is not null) await kernel.DisposeAsync().ConfigureAwait(false);
        }
        return new NotebookRunResult(executed, failure, executionCount);
    }

    /// <summary>
    /// Runs the notebook at <paramref name="path"/> and replaces the file atomically with the executed
    /// version. A failing notebook is written too, with the error output in the failing cell and the
    /// later cells cleared, so the file shows exactly what happened; the caller reports the failure.
    /// </summary>
    public static async Task<NotebookRunResult> RunFileAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        var notebook = Notebook.Load(path);
        var result = await ExecuteAsync(notebook, Path.GetDirectoryName(Path.GetFullPath(path))!, options, cancellationToken).ConfigureAwait(false);
        var json = result.Notebook.ToJson();
        var unchanged = File.Exists(path) && File.ReadAllText(path, Notebook.FileEncoding) == json;
        if (!unchanged) AtomicFile.WriteAllText(path, json, Notebook.FileEncoding);
        return result;
    }
}

/// <summary>Finds the repository root: the nearest folder upward that holds AllianceResearch.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>The solution file that marks the root.</summary>
    public const string Marker = "AllianceResearch.sln";

    /// <summary>The root above (or at) <paramref name="start"/>, or null outside the repository.</summary>
    public static string? Find(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, Marker))) return dir.FullName;
        }
        return null;
    }
}
