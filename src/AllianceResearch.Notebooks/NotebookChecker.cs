using System.Text;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;

namespace AllianceResearch.Notebooks;

/// <summary>One difference between a notebook's committed outputs and a fresh run, described for a reader.</summary>
/// <param name="CellNumber">1-based among all cells.</param>
/// <param name="Title">What differs, e.g. "output 2 (display_data) text/html".</param>
/// <param name="Diff">Lines prefixed with "-" (committed), "+" (fresh) or " " (context).</param>
public sealed record OutputDifference(int CellNumber, string Title, IReadOnlyList<string> Diff);

/// <summary>The outcome of checking one notebook.</summary>
/// <param name="Differences">Empty when the committed outputs are reproduced exactly.</param>
/// <param name="Failure">Set when the fresh run itself failed.</param>
/// <param name="FileLayoutDiffers">The outputs match but the file's bytes are not what the engine writes (layout, key order).</param>
public sealed record NotebookCheckResult(IReadOnlyList<OutputDifference> Differences, NotebookFailure? Failure, bool FileLayoutDiffers)
{
    /// <summary>Whether the notebook passed.</summary>
    public bool Passed => Differences.Count == 0 && Failure is null && !FileLayoutDiffers;
}

/// <summary>
/// Re-executes a notebook in memory and compares every code cell's execution count and outputs with the
/// committed ones, in the spirit of nbval: a notebook passes only if a fresh run reproduces it.
/// </summary>
public static class NotebookChecker
{
    private const int MaxDiffLinesPerOutput = 40;
    private const int LongLine = 160;

    /// <summary>Checks the notebook at <paramref name="path"/>; the file is never written.</summary>
    public static async Task<NotebookCheckResult> CheckFileAsync(string path, RunOptions options, CancellationToken cancellationToken = default)
    {
        var text = File.ReadAllText(path, Notebook.FileEncoding);
        var committed = Notebook.Parse(text, path);
        var run = await NotebookRunner.ExecuteAsync(committed, Path.GetDirectoryName(Path.GetFullPath(path))!, options, cancellationToken).ConfigureAwait(false);
        var differences = Compare(committed, run.Notebook);
        var layout = differences.Count == 0 && run.Notebook.ToJson() != text;
        return new NotebookCheckResult(differences, run.Failure, layout);
    }

    /// <summary>Every difference in code-cell execution counts and outputs between two versions of a notebook.</summary>
    public static IReadOnlyList<OutputDifference> Compare(Notebook committed, Notebook fresh)
    {
        var result = new List<OutputDifference>();
        if (committed.Cells.Count != fresh.Cells.Count)
        {
            result.Add(new OutputDifference(0, "number of cells", [$"-{committed.Cells.Count} cells", $"+{fresh.Cells.Count} cells"]));
            return result;
        }
        for (var i = 0; i < committed.Cells.Count; i++)
        {
            var before = committed.Cell(i);
            var after = fresh.Cell(i);
            if (Notebook.CellType(before) != "code") continue;
            var cellNumber = i + 1;
            var countBefore = before["execution_count"]?.ToJsonString() ?? "null";
            var countAfter = after["execution_count"]?.ToJsonString() ?? "null";
            if (countBefore != countAfter)
            {
                result.Add(new OutputDifference(cellNumber, "execution_count", [$"-{countBefore}", $"+{countAfter}"]));
            }
            var outputsBefore = before["outputs"] as JsonArray ?? [];
            var outputsAfter = after["outputs"] as JsonArray ?? [];
            var shared = Math.Min(outputsBefore.Count, outputsAfter.Count);
            for (var k = 0; k < shared; k++)
            {
                result.AddRange(CompareOutput(cellNumber, k + 1, (JsonObject)outputsBefore[k]!, (JsonObject)outputsAfter[k]!));
            }
            for (var k = shared; k < outputsBefore.Count; k++)
            {
                result.Add(new OutputDifference(cellNumber, $"output {k + 1} ({Kind(outputsBefore[k])}) is committed but no longer produced",
                    Preview(Render((JsonObject)outputsBefore[k]!), '-')));
            }
            for (var k = shared; k < outputsAfter.Count; k++)
            {
                result.Add(new OutputDifference(cellNumber, $"output {k + 1} ({Kind(outputsAfter[k])}) is new (not in the committed notebook)",
                    Preview(Render((JsonObject)outputsAfter[k]!), '+')));
            }
        }
        return result;
    }

    /// <summary>A readable report of <paramref name="differences"/> for the console.</summary>
    public static string Describe(string notebook, IReadOnlyList<OutputDifference> differences)
    {
        var builder = new StringBuilder();
        foreach (var difference in differences)
        {
            var where = difference.CellNumber > 0 ? $"cell {difference.CellNumber}, " : "";
            builder.Append(notebook).Append(": ").Append(where).Append(difference.Title).Append(" differs (- committed, + fresh run):\n");
            foreach (var line in difference.Diff) builder.Append("    ").Append(line).Append('\n');
        }
        return builder.ToString();
    }

    private static IEnumerable<OutputDifference> CompareOutput(int cell, int index, JsonObject before, JsonObject after)
    {
        var kindBefore = Kind(before);
        var kindAfter = Kind(after);
        if (kindBefore != kindAfter)
        {
            yield return new OutputDifference(cell, $"output {index} type", [$"-{kindBefore}", $"+{kindAfter}"]);
            yield break;
        }
        var fieldsBefore = Fields(before);
        var fieldsAfter = Fields(after);
        foreach (var key in fieldsBefore.Keys.Union(fieldsAfter.Keys).Order(StringComparer.Ordinal))
        {
            fieldsBefore.TryGetValue(key, out var a);
            fieldsAfter.TryGetValue(key, out var b);
            if (a == b) continue;
            var title = $"output {index} ({kindAfter}) {key}";
            if (a is null) yield return new OutputDifference(cell, title + " (new)", Preview(b!, '+'));
            else if (b is null) yield return new OutputDifference(cell, title + " (no longer produced)", Preview(a, '-'));
            else yield return new OutputDifference(cell, title, LineDiff(a, b));
        }
    }

    private static string Kind(JsonNode? output) => output?["output_type"]?.GetValue<string>() ?? "?";

    /// <summary>The comparable parts of an output as text, keyed by a readable name (MIME type or field).</summary>
    private static SortedDictionary<string, string> Fields(JsonObject output)
    {
        var fields = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in output)
        {
            if (key == "output_type") continue;
            if (key == "data" && value is JsonObject data)
            {
                foreach (var (mime, content) in data) fields[mime] = Notebook.JoinMultiline(content);
            }
            else if (key is "text" or "traceback")
            {
                fields[key] = key == "traceback" && value is JsonArray lines
                    ? string.Join("\n", lines.Select(l => l?.GetValue<string>() ?? ""))
                    : Notebook.JoinMultiline(value);
            }
            else
            {
                fields[key] = value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String
                    ? v.GetValue<string>()
                    : JupyterJson.Write(value).TrimEnd('\n');
            }
        }
        return fields;
    }

    private static string Render(JsonObject output) =>
        string.Join("\n", Fields(output).Select(p => $"{p.Key}: {p.Value}"));

    private static List<string> Preview(string text, char sign)
    {
        var lines = text.Split('\n');
        var shown = lines.Take(MaxDiffLinesPerOutput).Select(l => sign + Shorten(l, 0)).ToList();
        if (lines.Length > MaxDiffLinesPerOutput) shown.Add($"… {lines.Length - MaxDiffLinesPerOutput} more lines");
        return shown;
    }

    /// <summary>A unified-style diff of two texts: changed lines with two lines of context.</summary>
    internal static List<string> LineDiff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix]) prefix++;
        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)]) suffix++;

        var middleA = a[prefix..(a.Length - suffix)];
        var middleB = b[prefix..(b.Length - suffix)];
        var edits = (long)middleA.Length * middleB.Length <= 1_000_000
            ? Lcs(middleA, middleB)
            : [.. middleA.Select(l => ('-', l)), .. middleB.Select(l => ('+', l))];

        var lines = new List<string>();
        if (prefix > 2) lines.Add($"@@ line {prefix - 1} @@");
        for (var i = Math.Max(0, prefix - 2); i < prefix; i++) lines.Add(" " + Shorten(a[i], 0));
        for (var e = 0; e < edits.Count; e++)
        {
            var (sign, text) = edits[e];
            // Show a long changed line around its first difference with its replacement, not in full.
            var partner = sign == '-' && e + 1 < edits.Count && edits[e + 1].Sign == '+' ? edits[e + 1].Text
                : sign == '+' && e > 0 && edits[e - 1].Sign == '-' ? edits[e - 1].Text
                : null;
            lines.Add(sign + Shorten(text, partner is null ? 0 : FirstDifference(text, partner)));
        }
        for (var i = a.Length - suffix; i < Math.Min(a.Length, a.Length - suffix + 2); i++) lines.Add(" " + Shorten(a[i], 0));
        if (lines.Count > MaxDiffLinesPerOutput)
        {
            // A big change is summarised first, so the reader knows its size before the excerpt.
            var removed = edits.Count(e => e.Sign == '-');
            var added = edits.Count(e => e.Sign == '+');
            var more = lines.Count - MaxDiffLinesPerOutput;
            lines = [$"@@ {removed} of {a.Length} committed lines replaced by {added} of {b.Length} @@", .. lines.Take(MaxDiffLinesPerOutput), $"… {more} more diff lines"];
        }
        return lines;
    }

    private static List<(char Sign, string Text)> Lcs(string[] a, string[] b)
    {
        var table = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                table[i, j] = a[i] == b[j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
            }
        }
        var edits = new List<(char, string)>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add((' ', a[x]));
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || table[x, y + 1] >= table[x + 1, y]))
            {
                edits.Add(('+', b[y++]));
            }
            else
            {
                edits.Add(('-', a[x++]));
            }
        }
        // Group each run of changes as removals then additions, so replaced lines pair up.
        var grouped = new List<(char, string)>();
        var removed = new List<(char, string)>();
        var added = new List<(char, string)>();
        foreach (var edit in edits)
        {
            if (edit.Item1 == '-') removed.Add(edit);
            else if (edit.Item1 == '+') added.Add(edit);
            else
            {
                grouped.AddRange(removed);
                grouped.AddRange(added);
                removed.Clear();
                added.Clear();
                grouped.Add(edit);
            }
        }
        grouped.AddRange(removed);
        grouped.AddRange(added);
        return grouped;
    }

    private static int FirstDifference(string x, string y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            if (x[i] != y[i]) return i;
        }
        return n;
    }

    private static string Shorten(string line, int focus)
    {
        if (line.Length <= LongLine) return line;
        var start = Math.Max(0, focus - LongLine / 2);
        var end = Math.Min(line.Length, start + LongLine);
        return $"{(start > 0 ? $"…[col {start + 1}] " : "")}{line[start..end]}{(end < line.Length ? " …" : "")}";
    }
}
