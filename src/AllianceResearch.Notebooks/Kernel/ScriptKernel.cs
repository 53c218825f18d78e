using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Scripting;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>The outcome of one cell: its outputs and, when it failed, where and why.</summary>
/// <param name="Outputs">Jupyter output objects, in order.</param>
/// <param name="Failure">Null when the cell succeeded.</param>
public sealed record CellRunResult(JsonArray Outputs, CellFailure? Failure);

/// <summary>Why a cell failed, for the command's message.</summary>
/// <param name="Line">1-based line inside the cell, when known.</param>
/// <param name="Message">One line: exception type and message, or the first compiler error.</param>
public sealed record CellFailure(int? Line, string Message);

/// <summary>
/// Runs C# cells in order in one Roslyn scripting state, as the .NET Interactive C# kernel did:
/// later cells see earlier cells' variables, <c>#r</c> paths resolve against the notebook's folder,
/// top-level <c>await</c> works. One instance serves one notebook.
/// </summary>
public sealed partial class ScriptKernel
{
    /// <summary>Namespaces every cell can use without a using line (as in .NET Interactive).</summary>
    public static readonly ImmutableArray<string> DefaultImports =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworkReferences);

    private readonly CellOutputs _outputs = new();
    private readonly NotebookGlobals _globals;
    private readonly ScriptOptions _options;
    private readonly TracebackFormatter _traceback;
    private ScriptState<object?>? _state;

    /// <summary>Creates a kernel whose <c>#r</c> and file paths are relative to <paramref name="notebookDirectory"/>.</summary>
    /// <param name="notebookDirectory">The folder of the notebook being run.</param>
    /// <param name="pathRoot">Folder whose absolute path is removed from error messages (the repository root).</param>
    public ScriptKernel(string notebookDirectory, string pathRoot)
    {
        NotebookDirectory = Path.GetFullPath(notebookDirectory);
        _globals = new NotebookGlobals(_outputs);
        _traceback = new TracebackFormatter(pathRoot);
        _options = ScriptOptions.Default
            .WithReferences(FrameworkReferences.Value.Add(MetadataReference.CreateFromFile(typeof(NotebookGlobals).Assembly.Location)))
            .WithImports(DefaultImports)
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(NotebookDirectory))
            .WithSourceResolver(new SourceFileResolver([], NotebookDirectory))
            .WithEmitDebugInformation(true)
            .WithOptimizationLevel(OptimizationLevel.Debug)
            .WithLanguageVersion(LanguageVersion.Latest)
            .WithFileEncoding(System.Text.Encoding.UTF8);
    }

    /// <summary>The notebook's folder (also the process's current directory while cells run).</summary>
    public string NotebookDirectory { get; }

    /// <summary>The file name a cell's code gets in stack traces: "cell 4" for the fourth cell of the notebook.</summary>
    public static string CellFileName(int cellNumber) => $"cell {cellNumber}";

    /// <summary>Compiles and runs a trivial submission in a throw-away state, so Roslyn is loaded and jitted.</summary>
    public async Task WarmUpAsync() =>
        await CSharpScript.RunAsync<object?>("var warmUp = 1;", _options.WithFilePath("warm-up"), new NotebookGlobals(new CellOutputs()), typeof(NotebookGlobals)).ConfigureAwait(false);

    /// <summary>
    /// Runs one cell. <paramref name="cellNumber"/> counts all cells from 1 (Markdown included), so
    /// messages match what a reader counts in the editor.
    /// </summary>
    public async Task<CellRunResult> RunCellAsync(string code, int cellNumber, int executionCount)
    {
        var prepared = Preprocess(code);
        if (prepared.Failure is { } early)
        {
            // The output names the place (it is read without the command's message); the failure leaves that to the caller.
            var located = $"cell {cellNumber}, line {early.Line}: {early.Message}";
            _outputs.AddError("NotebookError", located, [located]);
            return new CellRunResult(_outputs.TakeAll(), early);
        }

        var originalOut = Console.Out;
        var originalError = Console.Error;
        Console.SetOut(_outputs.Stdout);
        Console.SetError(_outputs.Stderr);
        CellFailure? failure = null;
        try
        {
            var options = _options.WithFilePath(CellFileName(cellNumber));
            _state = _state is null
                ? await CSharpScript.RunAsync<object?>(prepared.Code, options, _globals, typeof(NotebookGlobals)).ConfigureAwait(false)
                : await _state.ContinueWithAsync<object?>(prepared.Code, options).ConfigureAwait(false);

            if (HasTrailingValue(_state.Script)) _outputs.AddResult(_state.ReturnValue, executionCount);
        }
        catch (CompilationErrorException e)
        {
            failure = ReportCompilationErrors(e.Diagnostics, cellNumber);
        }
        catch (Exception e)
        {
            var (ename, evalue, lines, line) = _traceback.Format(e, CellFileName(cellNumber));
            _outputs.AddError(ename, evalue, lines);
            failure = new CellFailure(line, $"{ename}: {evalue}");
        }
        finally
        {
            await Console.Out.FlushAsync().ConfigureAwait(false);
            Console.SetOut(originalOut);
            Console.SetError(originalError);
        }
        return new CellRunResult(_outputs.TakeAll(), failure);
    }

    /// <summary>
    /// Whether the cell ends in an expression without a semicolon that has a value (a trailing
    /// <c>display(x)</c> is void and shows nothing extra; a trailing <c>x</c> that is null shows "&lt;null&gt;").
    /// </summary>
    private static bool HasTrailingValue(Script script)
    {
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.LastOrDefault();
        if (tree?.GetRoot() is not CompilationUnitSyntax root) return false;
        if (root.Members.LastOrDefault() is not GlobalStatementSyntax { Statement: ExpressionStatementSyntax statement }) return false;
        if (!statement.SemicolonToken.IsMissing) return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private CellFailure ReportCompilationErrors(ImmutableArray<Diagnostic> diagnostics, int cellNumber)
    {
        var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count == 0) errors = [.. diagnostics];
        var lines = errors.Select(d => $"{DiagnosticLocation(d, cellNumber)}: {DiagnosticText(d)}").ToList();
        var first = errors[0];
        int? line = first.Location.IsInSource ? first.Location.GetLineSpan().StartLinePosition.Line + 1 : null;
        _outputs.AddError("CompilationError", lines[0], lines);
        var column = first.Location.IsInSource ? $" (column {first.Location.GetLineSpan().StartLinePosition.Character + 1})" : "";
        return new CellFailure(line, DiagnosticText(first).Replace($"error {first.Id}:", $"error {first.Id}{column}:", StringComparison.Ordinal));
    }

    private static string DiagnosticLocation(Diagnostic diagnostic, int cellNumber)
    {
        if (!diagnostic.Location.IsInSource) return $"cell {cellNumber}";
        var position = diagnostic.Location.GetLineSpan().StartLinePosition;
        return $"cell {cellNumber}, line {position.Line + 1}, column {position.Character + 1}";
    }

    private string DiagnosticText(Diagnostic diagnostic)
    {
        var message = _traceback.StripPaths(diagnostic.GetMessage(CultureInfo.InvariantCulture));
        if (diagnostic.Id is "CS0006")
        {
            message += " Build the library first (dotnet build src/AllianceResearch.Cli -c Release copies AllianceResearch.dll and its dependencies to artifacts/lib).";
        }
        return $"error {diagnostic.Id}: {message}";
    }

    private sealed record Prepared(string Code, CellFailure? Failure);

    /// <summary>
    /// Handles what Roslyn does not: Polyglot's "#!csharp" marker is blanked (keeping line numbers),
    /// other magic commands and NuGet references are refused with a message saying what to do instead,
    /// and a missing <c>#r</c> file is reported before compiling, with the build command to run.
    /// </summary>
    private Prepared Preprocess(string code)
    {
        var lines = code.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var trimmed = lines[i].Trim();
            if (trimmed.StartsWith("#!", StringComparison.Ordinal))
            {
                var magic = trimmed.Split(' ', 2)[0];
                if (magic is "#!csharp" or "#!c#" or "#!C#")
                {
                    lines[i] = "";
                    continue;
                }
                return Fail(i, $"the magic command {magic} is not supported: this engine runs plain C# cells (the Polyglot Notebooks kernel is retired). Remove the line.");
            }
            var reference = ReferenceDirective().Match(trimmed);
            if (!reference.Success) continue;
            var target = reference.Groups["path"].Value;
            if (target.StartsWith("nuget:", StringComparison.OrdinalIgnoreCase))
            {
                return Fail(i, $"#r \"{target}\": fetching NuGet packages is not supported. Reference a built DLL by path instead, " +
                                "e.g. #r \"../artifacts/lib/AllianceResearch.dll\" (the library's build copies itself and its dependencies there).");
            }
            if (LooksLikePath(target))
            {
                var full = Path.GetFullPath(Path.Combine(NotebookDirectory, target));
                if (!File.Exists(full))
                {
                    return Fail(i, $"#r \"{target}\": file not found ({_traceback.RelativeToRoot(full)}). " +
                                    "Build first: dotnet build src/AllianceResearch.Cli -c Release (building the library copies AllianceResearch.dll and its dependencies to artifacts/lib).");
                }
            }
        }
        return new Prepared(string.Join('\n', lines), null);

        Prepared Fail(int lineIndex, string message) =>
            new(code, new CellFailure(lineIndex + 1, message));
    }

    private static bool LooksLikePath(string target) =>
        target.Contains('/') || target.Contains('\\') || target.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);

    [GeneratedRegex("^#r\\s+\"(?<path>[^\"]*)\"")]
    private static partial Regex ReferenceDirective();

    /// <summary>
    /// References to the running framework's assemblies, so cells can use any BCL API without #r;
    /// compile-time references are loaded once per process.
    /// </summary>
    private static ImmutableArray<MetadataReference> LoadFrameworkReferences()
    {
        var trusted = (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") as string ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        var frameworkDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return [.. trusted
            .Where(p => string.Equals(Path.GetDirectoryName(p), frameworkDirectory, StringComparison.Ordinal))
            .OrderBy(p => p, StringComparer.Ordinal)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
