using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace AllianceResearch.Notebooks.Ipynb;

/// <summary>
/// Reads and writes notebook JSON in the exact layout Jupyter (nbformat) and VS Code save: keys sorted
/// recursively, one-space indent, ", " / ": " separators, non-ASCII text written as-is, "\n" line
/// endings and a trailing newline. Writing a file that either tool saved reproduces it byte for byte,
/// so re-running a notebook changes only the lines whose outputs changed.
/// </summary>
public static class JupyterJson
{
    private static readonly JsonNodeOptions NodeOptions = new() { PropertyNameCaseInsensitive = false };

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 256,
    };

    /// <summary>Parses notebook JSON; a syntax error names <paramref name="sourceName"/>, line and byte.</summary>
    public static JsonObject Parse(string json, string sourceName)
    {
        try
        {
            var node = JsonNode.Parse(json, NodeOptions, DocumentOptions);
            return node as JsonObject
                ?? throw new NotebookFormatException($"{sourceName}: a notebook must be a JSON object at the top level.");
        }
        catch (JsonException e)
        {
            throw new NotebookFormatException(
                $"{sourceName}: not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}): {e.Message}", e);
        }
    }

    /// <summary>Serialises <paramref name="node"/> in Jupyter's layout, including the trailing newline.</summary>
    public static string Write(JsonNode? node)
    {
        var builder = new StringBuilder();
        WriteNode(builder, node, 0);
        builder.Append('\n');
        return builder.ToString();
    }

    private static void WriteNode(StringBuilder builder, JsonNode? node, int depth)
    {
        switch (node)
        {
            case null:
                builder.Append("null");
                break;
            case JsonObject obj:
                WriteObject(builder, obj, depth);
                break;
            case JsonArray array:
                WriteArray(builder, array, depth);
                break;
            case JsonValue value:
                WriteValue(builder, value);
                break;
        }
    }

    private static void WriteObject(StringBuilder builder, JsonObject obj, int depth)
    {
        if (obj.Count == 0)
        {
            builder.Append("{}");
            return;
        }
        // Python's sort_keys and JavaScript's sort both order by UTF-16 code unit, which is ordinal.
        var keys = obj.Select(p => p.Key).OrderBy(k => k, StringComparer.Ordinal).ToList();
        builder.Append("{\n");
        for (var i = 0; i < keys.Count; i++)
        {
            Indent(builder, depth + 1);
            WriteString(builder, keys[i]);
            builder.Append(": ");
            WriteNode(builder, obj[keys[i]], depth + 1);
            builder.Append(i < keys.Count - 1 ? ",\n" : "\n");
        }
        Indent(builder, depth);
        builder.Append('}');
    }

    private static void WriteArray(StringBuilder builder, JsonArray array, int depth)
    {
        if (array.Count == 0)
        {
            builder.Append("[]");
            return;
        }
        builder.Append("[\n");
        for (var i = 0; i < array.Count; i++)
        {
            Indent(builder, depth + 1);
            WriteNode(builder, array[i], depth + 1);
            builder.Append(i < array.Count - 1 ? ",\n" : "\n");
        }
        Indent(builder, depth);
        builder.Append(']');
    }

    private static void WriteValue(StringBuilder builder, JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.String:
                WriteString(builder, value.GetValue<string>());
                break;
            case JsonValueKind.True:
                builder.Append("true");
                break;
            case JsonValueKind.False:
                builder.Append("false");
                break;
            case JsonValueKind.Null:
                builder.Append("null");
                break;
            case JsonValueKind.Number:
                // Numbers keep the text they were read with (or the shortest round-trip form).
                builder.Append(value.ToJsonString());
                break;
            default:
                throw new InvalidOperationException($"Unexpected JSON value kind {value.GetValueKind()}.");
        }
    }

    /// <summary>Escapes like Python's json.dumps(ensure_ascii=False): only quote, backslash and control characters.</summary>
    internal static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20)
                    {
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }
                    break;
            }
        }
        builder.Append('"');
    }

    private static void Indent(StringBuilder builder, int depth) => builder.Append(' ', depth);
}
