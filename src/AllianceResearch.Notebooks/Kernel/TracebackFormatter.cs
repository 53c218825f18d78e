using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// Turns an exception from a cell into a Jupyter error output that points at the cells' own line
/// numbers ("cell 4, line 2"), drops the scripting engine's own frames, and removes the machine's
/// path to the repository, so the same failure gives the same bytes on every machine.
/// </summary>
internal sealed partial class TracebackFormatter(string pathRoot)
{
    private readonly string _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pathRoot));

    /// <summary>ename, evalue, traceback lines and the failing line inside <paramref name="cellFile"/>.</summary>
    public (string Ename, string Evalue, List<string> Traceback, int? Line) Format(Exception exception, string cellFile)
    {
        var ename = TypeName(exception.GetType());
        var evalue = StripPaths(exception.Message);
        var lines = new List<string> { $"{ename}: {evalue}" };
        var frames = new StackTrace(exception, fNeedFileInfo: true).GetFrames();
        var lastScriptFrame = Array.FindLastIndex(frames, IsScriptFrame);
        // Frames after the last cell frame belong to the scripting engine: noise that changes between versions.
        var kept = lastScriptFrame >= 0 ? frames.Take(lastScriptFrame + 1) : frames.Where(f => f.GetFileName() is not null);
        int? line = null;
        foreach (var frame in kept)
        {
            var text = DescribeFrame(frame);
            if (text is not null) lines.Add(text);
            if (line is null && CellFile(frame) == cellFile) line = frame.GetFileLineNumber();
        }
        for (var inner = exception.InnerException; inner is not null; inner = inner.InnerException)
        {
            lines.Add($" ---> {TypeName(inner.GetType())}: {StripPaths(inner.Message)}");
        }
        return (ename, evalue, lines, line);
    }

    /// <summary><paramref name="fullPath"/> relative to the repository root (or notebook folder), "/"-separated.</summary>
    public string RelativeToRoot(string fullPath) => Path.GetRelativePath(_root, fullPath).Replace('\\', '/');

    /// <summary>Replaces the repository's absolute path with a relative one in <paramref name="text"/>.</summary>
    public string StripPaths(string text)
    {
        if (_root.Length <= 1) return text;
        return text.Replace(_root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal)
                   .Replace(_root, ".", StringComparison.Ordinal);
    }

    private static bool IsScriptFrame(StackFrame frame) => CellFile(frame) is not null;

    /// <summary>"cell N" for a frame in a cell's code (Roslyn roots the name at the notebook folder), else null.</summary>
    private static string? CellFile(StackFrame frame) =>
        frame.GetFileName() is { } file && Path.GetFileName(file) is var name && name.StartsWith("cell ", StringComparison.Ordinal)
            && int.TryParse(name.AsSpan(5), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out _)
            ? name
            : null;

    private string? DescribeFrame(StackFrame frame)
    {
        var method = frame.GetMethod();
        var file = frame.GetFileName();
        var lineNumber = frame.GetFileLineNumber();
        if (CellFile(frame) is { } cell)
        {
            file = cell;
            var name = method is null ? null : UserMethodName(method);
            return name is null ? $"   at {file}, line {lineNumber}" : $"   at {name} in {file}, line {lineNumber}";
        }
        if (method is null) return null;
        var where = file is null ? "" : $" in {StripPaths(file)}:line {lineNumber}";
        return $"   at {TypeName(method.DeclaringType)}.{method.Name}({Parameters(method)}){where}";
    }

    /// <summary>A method declared in a cell, or null for the cell's top-level code and compiler-made helpers.</summary>
    private static string? UserMethodName(MethodBase method)
    {
        var type = method.DeclaringType;
        var name = method.Name;
        // An async or iterator method runs in a generated type named "<Name>d__N": report Name.
        if (name == "MoveNext" && type is not null && GeneratedStateMachine().Match(type.Name) is { Success: true } m)
        {
            name = m.Groups["name"].Value;
            type = type.DeclaringType;
        }
        var owner = TypeName(type);
        if (name.Contains('<') || owner.Contains('<')) return null;
        return owner.Length == 0 ? $"{name}({Parameters(method)})" : $"{owner}.{name}({Parameters(method)})";
    }

    [GeneratedRegex("^<(?<name>[^<>]+)>d__\\d+$")]
    private static partial Regex GeneratedStateMachine();

    [GeneratedRegex("^Submission#\\d+[+.]?")]
    private static partial Regex SubmissionPrefix();

    /// <summary>A type's name without Roslyn's "Submission#N" wrapper, which means nothing to a reader.</summary>
    private static string TypeName(Type? type)
    {
        if (type is null) return "";
        var name = type.FullName ?? type.Name;
        name = SubmissionPrefix().Replace(name, "");
        var backtick = name.IndexOf('`');
        return (backtick >= 0 ? name[..backtick] : name).Replace('+', '.');
    }

    private static string Parameters(MethodBase method)
    {
        var builder = new StringBuilder();
        foreach (var parameter in method.GetParameters())
        {
            if (builder.Length > 0) builder.Append(", ");
            builder.Append(ShortTypeName(parameter.ParameterType)).Append(' ').Append(parameter.Name);
        }
        return builder.ToString();
    }

    private static string ShortTypeName(Type type)
    {
        var name = type.Name;
        var backtick = name.IndexOf('`');
        return backtick >= 0 ? name[..backtick] : name;
    }
}
