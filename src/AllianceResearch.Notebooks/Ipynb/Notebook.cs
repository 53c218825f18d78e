using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AllianceResearch.Notebooks.Ipynb;

/// <summary>A notebook file that is not valid nbformat 4 JSON; the message names the file and the place.</summary>
public sealed class NotebookFormatException : Exception
{
    /// <summary>Creates the exception with a message that names the file.</summary>
    public NotebookFormatException(string message) : base(message) { }

    /// <summary>Creates the exception with a message that names the file and the underlying cause.</summary>
    public NotebookFormatException(string message, Exception inner) : base(message, inner) { }
}

/// <summary>
/// An nbformat 4 notebook held as its JSON tree, so every field this engine does not understand
/// (cell ids, metadata, attachments, future fields) is written back untouched.
/// </summary>
public sealed class Notebook
{
    /// <summary>UTF-8 without a byte-order mark, as Jupyter writes.</summary>
    public static readonly Encoding FileEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private Notebook(JsonObject root, string sourceName)
    {
        Root = root;
        SourceName = sourceName;
    }

    /// <summary>The whole JSON document.</summary>
    public JsonObject Root { get; }

    /// <summary>The name used in error messages (usually the path as given).</summary>
    public string SourceName { get; }

    /// <summary>The cells, in order.</summary>
    public JsonArray Cells => (JsonArray)Root["cells"]!;

    /// <summary>The notebook's nbformat_minor (ids are required from 4.5 on).</summary>
    public int FormatMinor => Root["nbformat_minor"] is JsonValue v && v.TryGetValue<int>(out var minor) ? minor : 0;

    /// <summary>Reads a notebook file.</summary>
    public static Notebook Load(string path, string? sourceName = null)
    {
        var name = sourceName ?? path;
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{name}: notebook file not found.", path);
        }
        string text;
        try
        {
            text = File.ReadAllText(path, FileEncoding);
        }
        catch (DecoderFallbackException e)
        {
            throw new NotebookFormatException($"{name}: not UTF-8 text ({e.Message}).", e);
        }
        return Parse(text, name);
    }

    /// <summary>Parses notebook JSON and checks the parts this engine relies on.</summary>
    public static Notebook Parse(string json, string sourceName)
    {
        // A BOM is not valid at the start of JSON text; tolerate one written by other editors.
        if (json.Length > 0 && json[0] == '\uFEFF') json = json[1..];
        var root = JupyterJson.Parse(json, sourceName);
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue<int>(out var version) || version != 4)
        {
            throw new NotebookFormatException($"{sourceName}: only nbformat 4 notebooks are supported (field \"nbformat\" is {root["nbformat"]?.ToJsonString() ?? "missing"}).");
        }
        if (root["cells"] is not JsonArray cells)
        {
            throw new NotebookFormatException($"{sourceName}: field \"cells\" is missing or not an array.");
        }
        for (var i = 0; i < cells.Count; i++)
        {
            if (cells[i] is not JsonObject cell || cell["cell_type"] is not JsonValue type || type.GetValueKind() != JsonValueKind.String)
            {
                throw new NotebookFormatException($"{sourceName}: cell {i + 1} is not an object with a \"cell_type\".");
            }
        }
        return new Notebook(root, sourceName);
    }

    /// <summary>The notebook in Jupyter's file layout.</summary>
    public string ToJson() => JupyterJson.Write(WithSplitLines(Root));

    /// <summary>A deep copy (the runner never mutates the notebook it was given).</summary>
    public Notebook Clone() => new((JsonObject)Root.DeepClone(), SourceName);

    /// <summary>Cell <paramref name="index"/> (0-based).</summary>
    public JsonObject Cell(int index) => (JsonObject)Cells[index]!;

    /// <summary>The cell's type: "code", "markdown" or "raw".</summary>
    public static string CellType(JsonObject cell) => cell["cell_type"]!.GetValue<string>();

    /// <summary>The cell's source as one string, whether stored as a string or a list of lines.</summary>
    public static string Source(JsonObject cell) => JoinMultiline(cell["source"]);

    /// <summary>The cell's metadata tags (papermill's "parameters", "injected-parameters").</summary>
    public static IReadOnlyList<string> Tags(JsonObject cell) =>
        cell["metadata"]?["tags"] is JsonArray tags
            ? tags.Select(t => t is JsonValue v && v.TryGetValue<string>(out var s) ? s : "").ToList()
            : [];

    /// <summary>
    /// The kernel a Polyglot notebook assigned to the cell ("csharp" when unset). Only C# cells can run here.
    /// </summary>
    public static string CellKernelName(JsonObject cell) =>
        cell["metadata"]?["polyglot_notebook"]?["kernelName"] is JsonValue k && k.TryGetValue<string>(out var kernel) ? kernel
        : cell["metadata"]?["dotnet_interactive"]?["language"] is JsonValue l && l.TryGetValue<string>(out var language) ? language
        : "csharp";

    /// <summary>Joins a multi-line field (string, or list of strings as nbformat stores them).</summary>
    public static string JoinMultiline(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => node.ToJsonString(),
    };

    /// <summary>Splits text into nbformat's list of lines, each keeping its "\n".</summary>
    public static JsonArray SplitLines(string text)
    {
        var array = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                array.Add(text[start..(i + 1)]);
                start = i + 1;
            }
        }
        if (start < text.Length) array.Add(text[start..]);
        return array;
    }

    /// <summary>Whether nbformat stores this MIME type's data as a list of lines.</summary>
    public static bool IsLineSplitMime(string mime) =>
        mime.StartsWith("text/", StringComparison.Ordinal) || mime is "image/svg+xml" or "application/javascript";

    /// <summary>
    /// A copy with multi-line strings split into lists of lines, as nbformat writes them: cell sources,
    /// stream text and text-like MIME data. Lists already present are normalised the same way so the
    /// layout never depends on how a field was stored.
    /// </summary>
    private static JsonObject WithSplitLines(JsonObject root)
    {
        var copy = (JsonObject)root.DeepClone();
        if (copy["cells"] is not JsonArray cells) return copy;
        foreach (var cell in cells.OfType<JsonObject>())
        {
            if (cell["source"] is { } source && IsStringOrStringList(source)) cell["source"] = SplitLines(JoinMultiline(source));
            if (cell["outputs"] is not JsonArray outputs) continue;
            foreach (var output in outputs.OfType<JsonObject>())
            {
                if (output["text"] is { } text && IsStringOrStringList(text)) output["text"] = SplitLines(JoinMultiline(text));
                if (output["data"] is JsonObject data)
                {
                    foreach (var mime in data.Select(p => p.Key).ToList())
                    {
                        if (IsLineSplitMime(mime) && data[mime] is { } value && IsStringOrStringList(value))
                        {
                            data[mime] = SplitLines(JoinMultiline(value));
                        }
                    }
                }
            }
        }
        return copy;
    }

    private static bool IsStringOrStringList(JsonNode node) => node switch
    {
        JsonValue v => v.GetValueKind() == JsonValueKind.String,
        JsonArray a => a.All(e => e is JsonValue v && v.GetValueKind() == JsonValueKind.String),
        _ => false,
    };
}
