using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace AllianceResearch.Payment.Model;

/// <summary>Reads and writes an <see cref="Alliance"/> as JSON (camelCase, enums as strings), deterministically.</summary>
public static class AllianceJson
{
    /// <summary>The serializer options used for alliance and scenario files.</summary>
    public static JsonSerializerOptions Options { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Serializes with '\n' line ends and a final newline.</summary>
    public static string Serialize(Alliance alliance) => JsonSerializer.Serialize(alliance, Options).Replace("\r\n", "\n") + "\n";

    /// <summary>Loads an alliance file; errors name the file and JSON path.</summary>
    public static Alliance Load(string path)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"Alliance file not found: {path}", path);
        try
        {
            var a = JsonSerializer.Deserialize<Alliance>(File.ReadAllText(path), Options) ?? throw new InvalidDataException($"{path}: the file holds JSON null, not an alliance.");
            Validate(a, path);
            return a;
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: {e.Path}: {e.Message}", e);
        }
    }

    /// <summary>Checks ids are unique and non-empty and coefficients positive.</summary>
    public static void Validate(Alliance a, string where)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < a.Members.Count; i++)
        {
            var m = a.Members[i];
            if (string.IsNullOrWhiteSpace(m.Id)) throw new InvalidDataException($"{where}: $.members[{i}].id is empty.");
            if (!seen.Add(m.Id)) throw new InvalidDataException($"{where}: $.members[{i}].id '{m.Id}' is a duplicate.");
            if (m.DipCoefficient <= 0m || m.DrgCoefficient <= 0m) throw new InvalidDataException($"{where}: $.members[{i}]: coefficients must be positive.");
            if (m.Staff < 0 || m.Catchment < 0 || m.CatchmentRiskUnits < 0m) throw new InvalidDataException($"{where}: $.members[{i}]: staff and catchment cannot be negative.");
        }
        for (var i = 0; i < a.Population.Count; i++)
            if (a.Population[i].Persons < 0 || a.Population[i].Contracted > a.Population[i].Persons)
                throw new InvalidDataException($"{where}: $.population[{i}]: persons must be ≥ 0 and contracted ≤ persons.");
    }

    /// <summary>Writes atomically (temporary file, then move).</summary>
    public static void Save(string path, Alliance alliance)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = full + ".tmp";
        File.WriteAllText(tmp, Serialize(alliance), new System.Text.UTF8Encoding(false));
        File.Move(tmp, full, true);
    }
}
