using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using AllianceResearch.Notebooks;
using AllianceResearch.Notebooks.Ipynb;

namespace AllianceResearch.Cli;

/// <summary>The `alliance notebooks` command group: run, check and export notebooks without Jupyter.</summary>
public static class NotebookCommands
{
    /// <summary>Exit code when a notebook failed or differed.</summary>
    public const int FailureExitCode = 1;

    /// <summary>Exit code when the command line itself was wrong (unknown file, bad -p).</summary>
    public const int UsageExitCode = 2;

    /// <summary>Creates the `notebooks` command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("notebooks",
            "Run, check and export the project's notebooks (.ipynb, C# cells) without Jupyter.\n" +
            "Each notebook runs in its own process; cells run in order in one C# scripting state.\n\n" +
            "Example:\n  alliance notebooks run notebooks/00-tour.ipynb");
        command.Subcommands.Add(CreateRun());
        command.Subcommands.Add(CreateCheck());
        command.Subcommands.Add(CreateExport());
        command.Subcommands.Add(CreateNew());
        return command;
    }

    private static Argument<string[]> PathsArgument() => new("PATH")
    {
        Description = "Notebook files or folders of notebooks (default: every notebooks/*.ipynb of the repository found above the current folder).",
        Arity = ArgumentArity.ZeroOrMore,
    };

    private static Option<double> TimeoutOption() => new("--timeout")
    {
        Description = "Seconds one cell may run before its notebook is stopped.",
        DefaultValueFactory = _ => RunOptions.DefaultCellTimeout.TotalSeconds,
    };

    private static Command CreateRun()
    {
        var paths = PathsArgument();
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Set a parameter declared in the cell tagged 'parameters' (papermill convention); repeatable.",
            Arity = ArgumentArity.ZeroOrMore,
            AllowMultipleArgumentsPerToken = false,
        };
        var timeout = TimeoutOption();
        var html = HtmlOption(required: false);
        var jobs = JobsOption();
        var command = new Command("run",
            "Execute notebooks and write their outputs into them (atomically; a failing notebook is written with its error " +
            "output and the command exits non-zero naming the notebook, cell and line).\n\n" +
            "Examples:\n" +
            "  alliance notebooks run\n" +
            "  alliance notebooks run notebooks/00-tour.ipynb -p years=8 -p label=\"county A\"\n" +
            "  alliance notebooks run --html artifacts/html --timeout 120");
        command.Arguments.Add(paths);
        command.Options.Add(parameters);
        command.Options.Add(timeout);
        command.Options.Add(html);
        command.Options.Add(jobs);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryResolve(parse.GetValue(paths) ?? [], error, out var files)) return UsageExitCode;
            if (!TryOptions(parse.GetValue(parameters) ?? [], parse.GetValue(timeout), error, out var options)) return UsageExitCode;
            if (!TryJobs(parse.GetValue(jobs), error, out var parallel)) return UsageExitCode;
            var htmlDirectory = parse.GetValue(html);

            var failed = 0;
            await foreach (var (file, outcome, elapsed) in InParallel(files, parallel, async file =>
            {
                var result = await NotebookRunner.RunFileAsync(file.FullPath, options, cancellationToken).ConfigureAwait(false);
                if (htmlDirectory is not null) HtmlExporter.ExportFile(result.Notebook, file.FullPath, htmlDirectory);
                return result;
            }).ConfigureAwait(false))
            {
                if (outcome.Exception is { } e)
                {
                    failed++;
                    await error.WriteLineAsync($"{file.Display}: FAILED: {e.Message}").ConfigureAwait(false);
                }
                else if (outcome.Value!.Failure is { } failure)
                {
                    failed++;
                    await error.WriteLineAsync($"{file.Display}: FAILED at {failure.Describe()}").ConfigureAwait(false);
                }
                else
                {
                    await output.WriteLineAsync($"{file.Display}: ran {outcome.Value.CellsRun} code cells in {Seconds(elapsed)}").ConfigureAwait(false);
                }
            }
            if (failed > 0) await error.WriteLineAsync($"{failed} of {files.Count} notebooks failed.").ConfigureAwait(false);
            return failed > 0 ? FailureExitCode : 0;
        });
        return command;
    }

    private static Option<string?> HtmlOption(bool required) => new("--html")
    {
        Description = required
            ? "Folder to write NAME.html into (self-contained: inline CSS and SVG, no scripts, a table of contents)."
            : "Also write a self-contained HTML copy of each notebook (NAME.html) into this folder.",
        Required = required,
    };

    private static Option<int> JobsOption() => new("--jobs", "-j")
    {
        Description = "Notebooks to run at the same time, each in its own process (default: the number of processors).",
        DefaultValueFactory = _ => Environment.ProcessorCount,
    };

    private static bool TryJobs(int jobs, TextWriter error, out int parallel)
    {
        parallel = jobs;
        if (jobs >= 1) return true;
        error.WriteLine($"--jobs must be at least 1 (got {jobs.ToString(CultureInfo.InvariantCulture)}).");
        return false;
    }

    /// <summary>The outcome of one notebook: a value, or an exception about the file itself (unreadable, bad -p).</summary>
    internal readonly record struct Outcome<T>(T? Value, Exception? Exception);

    /// <summary>
    /// Runs <paramref name="work"/> on up to <paramref name="parallel"/> notebooks at once and yields the
    /// results in the order the notebooks were given, so the console output never depends on timing.
    /// </summary>
    internal static async IAsyncEnumerable<(NotebookFile File, Outcome<T> Outcome, TimeSpan Elapsed)> InParallel<T>(
        IReadOnlyList<NotebookFile> files, int parallel, Func<NotebookFile, Task<T>> work)
    {
        using var gate = new SemaphoreSlim(parallel);
        var tasks = files.Select(async file =>
        {
            await gate.WaitAsync().ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            try
            {
                return (new Outcome<T>(await work(file).ConfigureAwait(false), null), watch.Elapsed);
            }
            catch (Exception e) when (e is NotebookFormatException or NotebookParameterException or IOException or UnauthorizedAccessException)
            {
                return (new Outcome<T>(default, e), watch.Elapsed);
            }
            finally
            {
                gate.Release();
            }
        }).ToList();
        for (var i = 0; i < files.Count; i++)
        {
            var (outcome, elapsed) = await tasks[i].ConfigureAwait(false);
            yield return (files[i], outcome, elapsed);
        }
    }

    private static Command CreateCheck()
    {
        var paths = PathsArgument();
        var timeout = TimeoutOption();
        var jobs = JobsOption();
        var command = new Command("check",
            "Re-execute notebooks in memory and compare with their committed outputs; print a diff per differing output and " +
            "exit non-zero on any difference (in the spirit of nbval). Files are never written.\n\n" +
            "Examples:\n" +
            "  alliance notebooks check\n" +
            "  alliance notebooks check notebooks/00-tour.ipynb");
        command.Arguments.Add(paths);
        command.Options.Add(timeout);
        command.Options.Add(jobs);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryResolve(parse.GetValue(paths) ?? [], error, out var files)) return UsageExitCode;
            if (!TryOptions([], parse.GetValue(timeout), error, out var options)) return UsageExitCode;
            if (!TryJobs(parse.GetValue(jobs), error, out var parallel)) return UsageExitCode;

            var failed = 0;
            await foreach (var (file, outcome, elapsed) in InParallel(files, parallel,
                file => NotebookChecker.CheckFileAsync(file.FullPath, options, cancellationToken)).ConfigureAwait(false))
            {
                if (outcome.Exception is { } e)
                {
                    failed++;
                    await error.WriteLineAsync($"{file.Display}: FAILED: {e.Message}").ConfigureAwait(false);
                    continue;
                }
                var result = outcome.Value!;
                {
                    if (result.Passed)
                    {
                        await output.WriteLineAsync($"{file.Display}: ok, outputs reproduced ({Seconds(elapsed)})").ConfigureAwait(false);
                        continue;
                    }
                    failed++;
                    if (result.Failure is { } failure)
                    {
                        await error.WriteLineAsync($"{file.Display}: FAILED at {failure.Describe()}").ConfigureAwait(false);
                    }
                    if (result.Differences.Count > 0)
                    {
                        await error.WriteAsync(NotebookChecker.Describe(file.Display, result.Differences)).ConfigureAwait(false);
                        await error.WriteLineAsync($"{file.Display}: {result.Differences.Count} difference(s); if the change is intended, run `alliance notebooks run {file.Display}` and commit the result.").ConfigureAwait(false);
                    }
                    else if (result.FileLayoutDiffers)
                    {
                        await error.WriteLineAsync($"{file.Display}: outputs match but the file is not laid out as the engine writes it (key order, indent, line splitting or missing cell ids); run `alliance notebooks run {file.Display}` and commit the result.").ConfigureAwait(false);
                    }
                }
            }
            await (failed > 0 ? error : output).WriteLineAsync($"{files.Count - failed} passed, {failed} failed").ConfigureAwait(false);
            return failed > 0 ? FailureExitCode : 0;
        });
        return command;
    }

    private static Command CreateExport()
    {
        var paths = PathsArgument();
        var html = HtmlOption(required: true);
        var command = new Command("export",
            "Write each notebook as a self-contained HTML page (inline CSS and SVG, no scripts, a table of contents from " +
            "the Markdown headings) from its committed outputs, without running it.\n\n" +
            "Example:\n  alliance notebooks export --html artifacts/html notebooks/00-tour.ipynb");
        command.Arguments.Add(paths);
        command.Options.Add(html);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryResolve(parse.GetValue(paths) ?? [], error, out var files)) return UsageExitCode;
            var failed = 0;
            foreach (var file in files)
            {
                try
                {
                    var target = HtmlExporter.ExportFile(Notebook.Load(file.FullPath, file.Display), file.FullPath, parse.GetValue(html)!);
                    output.WriteLine($"{file.Display}: wrote {Path.Combine(parse.GetValue(html)!, Path.GetFileName(target))}");
                }
                catch (Exception e) when (e is NotebookFormatException or IOException or UnauthorizedAccessException)
                {
                    failed++;
                    error.WriteLine($"{file.Display}: FAILED: {e.Message}");
                }
            }
            return failed > 0 ? FailureExitCode : 0;
        });
        return command;
    }

    private static Command CreateNew()
    {
        var path = new Argument<string>("PATH") { Description = "The notebook file to create (notebooks/NN-name.ipynb)." };
        var title = new Option<string>("--title") { Description = "The notebook's title (its first heading).", Required = true };
        var command = new Command("new",
            "Create a notebook with C# kernel metadata (opens in VS Code as C#), a title cell and the library reference " +
            "`#r \"../artifacts/lib/AllianceResearch.dll\"` as its first code cell. Refuses to overwrite.\n\n" +
            "Example:\n  alliance notebooks new notebooks/05-capitation.ipynb --title \"Capitation in a county alliance\"");
        command.Arguments.Add(path);
        command.Options.Add(title);
        command.SetAction(parse =>
        {
            var target = parse.GetValue(path)!;
            if (File.Exists(target))
            {
                parse.InvocationConfiguration.Error.WriteLine($"{target}: already exists; not overwritten.");
                return UsageExitCode;
            }
            var notebook = NotebookTemplate.Create(parse.GetValue(title)!, target);
            AtomicFile.WriteAllText(target, notebook.ToJson(), Notebook.FileEncoding);
            parse.InvocationConfiguration.Output.WriteLine($"{target}: created.");
            return 0;
        });
        return command;
    }

    /// <summary>A notebook to process: its full path and the name to show (as given, or relative to the current folder).</summary>
    internal sealed record NotebookFile(string FullPath, string Display);

    /// <summary>Expands files and folders; with none given, every notebooks/*.ipynb of the repository.</summary>
    internal static bool TryResolve(IReadOnlyList<string> given, TextWriter error, out List<NotebookFile> files) =>
        TryResolve(given, Environment.CurrentDirectory, error, out files);

    /// <summary>As <see cref="TryResolve(IReadOnlyList{string}, TextWriter, out List{NotebookFile})"/>, from <paramref name="current"/>.</summary>
    internal static bool TryResolve(IReadOnlyList<string> given, string current, TextWriter error, out List<NotebookFile> files)
    {
        files = [];
        if (given.Count == 0)
        {
            var root = RepositoryRoot.Find(current);
            if (root is null)
            {
                error.WriteLine($"No PATH given and no {RepositoryRoot.Marker} found in {current} or above: run inside the repository or name the notebooks.");
                return false;
            }
            given = [Path.Combine(root, "notebooks")];
        }
        foreach (var path in given)
        {
            var full = Path.GetFullPath(path, current);
            if (Directory.Exists(full))
            {
                var found = Directory.GetFiles(full, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0)
                {
                    error.WriteLine($"{path}: folder holds no .ipynb notebooks.");
                    return false;
                }
                files.AddRange(found.Select(f => new NotebookFile(f, Path.GetRelativePath(current, f))));
            }
            else if (File.Exists(full))
            {
                files.Add(new NotebookFile(full, path));
            }
            else
            {
                error.WriteLine($"{path}: no such notebook or folder.");
                return false;
            }
        }
        // The same notebook named twice (say a file and its folder) runs once: two runs would race to write it.
        files = files.DistinctBy(f => f.FullPath, StringComparer.Ordinal).ToList();
        return true;
    }

    private static bool TryOptions(IReadOnlyList<string> parameters, double timeoutSeconds, TextWriter error, out RunOptions options)
    {
        options = new RunOptions();
        if (!(timeoutSeconds > 0) || double.IsInfinity(timeoutSeconds))
        {
            error.WriteLine($"--timeout must be a positive number of seconds (got {timeoutSeconds.ToString(CultureInfo.InvariantCulture)}).");
            return false;
        }
        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error.WriteLine($"-p {parameter}: expected name=value, e.g. -p years=8.");
                return false;
            }
            var name = parameter[..equals];
            if (pairs.Any(p => p.Key == name))
            {
                error.WriteLine($"-p {name} is given twice.");
                return false;
            }
            pairs.Add(new(name, parameter[(equals + 1)..]));
        }
        options = new RunOptions { CellTimeout = TimeSpan.FromSeconds(timeoutSeconds), Parameters = pairs };
        return true;
    }

    private static string Seconds(TimeSpan elapsed) =>
        elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s";
}
