using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace AllianceResearch.Notebooks.Ipynb;

/// <summary>
/// New notebooks with the metadata .NET Interactive wrote for C# notebooks, so VS Code (with or
/// without the retired Polyglot extension) opens them as C#; and repair of the fields nbformat
/// requires, so hand-written notebooks become valid files.
/// </summary>
public static class NotebookTemplate
{
    /// <summary>The first code cell of every project notebook: the library built into artifacts/lib.</summary>
    public const string LibraryReference = "#r \"../artifacts/lib/AllianceResearch.dll\"";

    /// <summary>
    /// Notebook metadata for C#: kernelspec ".net-csharp" (what VS Code and Jupyter key on) and
    /// language_info name "C#" (VS Code maps it to C# highlighting even without the Polyglot extension).
    /// </summary>
    public static JsonObject CSharpMetadata() => new()
    {
        ["kernelspec"] = new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        },
        ["language_info"] = new JsonObject
        {
            ["file_extension"] = ".cs",
            ["mimetype"] = "text/x-csharp",
            ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
            ["version"] = "13.0",
        },
        ["polyglot_notebook"] = new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = "csharp",
                ["items"] = new JsonArray(new JsonObject { ["aliases"] = new JsonArray(), ["name"] = "csharp" }),
            },
        },
    };

    /// <summary>A new notebook: a title cell, the library reference with common usings, and an empty cell.</summary>
    public static Notebook Create(string title, string sourceName)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(
                Markdown($"# {title}\n\nWhat this notebook shows, for whom, and which datasets it reads."),
                Code(LibraryReference + "\nusing AllianceResearch.Presentation;"),
                Code("")),
            ["metadata"] = CSharpMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var notebook = Notebook.Parse(root.ToJsonString(), sourceName);
        Normalize(notebook);
        return notebook;
    }

    /// <summary>A markdown cell (no id yet; <see cref="Normalize"/> assigns one).</summary>
    public static JsonObject Markdown(string source) => new() { ["cell_type"] = "markdown", ["metadata"] = new JsonObject(), ["source"] = source };

    /// <summary>A code cell without outputs (no id yet; <see cref="Normalize"/> assigns one).</summary>
    public static JsonObject Code(string source) => new()
    {
        ["cell_type"] = "code",
        ["execution_count"] = null,
        ["metadata"] = new JsonObject(),
        ["outputs"] = new JsonArray(),
        ["source"] = source,
    };

    /// <summary>
    /// Adds what nbformat requires and a hand-written file may lack: metadata, source, outputs and
    /// execution_count, and (from nbformat 4.5) a cell id, derived from the cell's position and text so
    /// that normalising the same file twice gives the same ids. Existing values are never changed.
    /// </summary>
    /// <returns>Whether anything was added.</returns>
    public static bool Normalize(Notebook notebook)
    {
        var changed = false;
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var cell in notebook.Cells.OfType<JsonObject>())
        {
            if (cell["id"] is JsonValue id && id.TryGetValue<string>(out var text)) used.Add(text);
        }
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cell(i);
            changed |= AddIfMissing(cell, "metadata", () => new JsonObject());
            changed |= AddIfMissing(cell, "source", () => "");
            if (Notebook.CellType(cell) == "code")
            {
                changed |= AddIfMissing(cell, "outputs", () => new JsonArray());
                if (!cell.ContainsKey("execution_count"))
                {
                    cell["execution_count"] = null;
                    changed = true;
                }
            }
            if (notebook.FormatMinor >= 5 && cell["id"] is null)
            {
                var id = DerivedId(i, Notebook.Source(cell));
                for (var n = 2; !used.Add(id); n++) id = DerivedId(i * 1000 + n, Notebook.Source(cell));
                cell["id"] = id;
                changed = true;
            }
        }
        changed |= AddIfMissing(notebook.Root, "metadata", () => new JsonObject());
        return changed;
    }

    private static bool AddIfMissing(JsonObject obj, string key, Func<JsonNode> value)
    {
        if (obj.ContainsKey(key)) return false;
        obj[key] = value();
        return true;
    }

    private static string DerivedId(int index, string source)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{index}\n{source}"));
        return Convert.ToHexStringLower(hash.AsSpan(0, 4));
    }
}
