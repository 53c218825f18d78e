using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace AllianceResearch.Payment.Incentives;

/// <summary>
/// An incentive scenario file: a contract plus the member metrics it is evaluated against, with
/// provenance. Document 003's examples are stored this way under datasets/scenarios/doc003/.
/// </summary>
public sealed record IncentiveScenario
{
    /// <summary>Identifier (usually the file name without extension).</summary>
    public required string Id { get; init; }

    /// <summary>A one-line title.</summary>
    public string? Title { get; init; }

    /// <summary>Provenance: source file name and where in it (e.g. "003_2819d52ff3edc13b.txt, Xiamen case").</summary>
    public string? Source { get; init; }

    /// <summary>Our own English summary of the passage the scenario encodes, and what is illustrative.</summary>
    public string? Notes { get; init; }

    /// <summary>The contract.</summary>
    public required IncentiveContract Contract { get; init; }

    /// <summary>The members and their metrics.</summary>
    public required IReadOnlyList<MemberMetricRow> Members { get; init; }

    /// <summary>The members as a metrics table.</summary>
    public MemberMetrics Metrics(string? origin = null) => new(Members, origin ?? Id);

    /// <summary>Evaluates the contract against the scenario's own members.</summary>
    public IncentiveEvaluation Evaluate() => IncentiveEvaluator.Evaluate(Contract, Metrics());
}

/// <summary>Reads and writes incentive contracts and scenarios as JSON (camelCase, clause kind in "kind").</summary>
public static class IncentiveJson
{
    /// <summary>The serializer options used for every incentive file.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
            WriteIndented = true,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.Converters.Add(new ClauseConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Parses a contract; <paramref name="origin"/> (a file name) prefixes every error.</summary>
    public static IncentiveContract ParseContract(string json, string origin = "contract")
    {
        var contract = Deserialize<IncentiveContract>(json, origin);
        IncentiveContractValidator.Validate(contract, origin);
        return contract;
    }

    /// <summary>Reads a contract file; also accepts a scenario file and returns its contract.</summary>
    public static IncentiveContract ReadContract(string path)
    {
        var json = ReadText(path);
        var origin = Path.GetFileName(path);
        return LooksLikeScenario(json) ? ParseScenario(json, origin).Contract : ParseContract(json, origin);
    }

    /// <summary>Parses a scenario (contract + members).</summary>
    public static IncentiveScenario ParseScenario(string json, string origin = "scenario")
    {
        var scenario = Deserialize<IncentiveScenario>(json, origin);
        IncentiveContractValidator.Validate(scenario.Contract, origin);
        _ = scenario.Metrics(origin); // duplicate or empty member ids fail here, naming the file
        return scenario;
    }

    /// <summary>Reads a scenario file.</summary>
    public static IncentiveScenario ReadScenario(string path) => ParseScenario(ReadText(path), Path.GetFileName(path));

    /// <summary>True when the JSON text is a scenario (has a "contract" property) rather than a bare contract.</summary>
    public static bool LooksLikeScenario(string json)
    {
        try
        {
            return JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true })
                is JsonObject o && o.ContainsKey("contract");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>Serialises a contract (stable property order, invariant numbers).</summary>
    public static string Serialize(IncentiveContract contract) => JsonSerializer.Serialize(contract, Options);

    /// <summary>Serialises a scenario.</summary>
    public static string Serialize(IncentiveScenario scenario) => JsonSerializer.Serialize(scenario, Options);

    /// <summary>Serialises an evaluation (lines, balances, parties) for machine consumption.</summary>
    public static string Serialize(IncentiveEvaluation evaluation)
    {
        var dto = new
        {
            contract = evaluation.Contract.Id,
            balances = evaluation.Balances.Select(b => new { clause = b.ClauseId, kind = b.Kind, funded = b.Funded, paid = b.Paid, returned = b.Returned, conserved = b.Conserved }),
            parties = evaluation.Parties.Select(p => new { party = p.Party, name = p.Name, isMember = p.IsMember, received = p.Received, paidOut = p.PaidOut, net = p.Net }),
            lines = evaluation.Lines,
        };
        return JsonSerializer.Serialize(dto, Options);
    }

    private static string ReadText(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path)) throw new FileNotFoundException($"File not found: {path}", path);
        return File.ReadAllText(path, Encoding.UTF8);
    }

    private static T Deserialize<T>(string json, string origin)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(json, Options)
                   ?? throw new InvalidDataException($"{origin}: the file holds JSON null.");
        }
        catch (JsonException ex)
        {
            var at = ex.LineNumber is { } line ? $" (line {line + 1}, path {ex.Path})" : "";
            throw new InvalidDataException($"{origin}: {ex.Message.Split(" Path:")[0]}{at}", ex);
        }
    }

    /// <summary>Dispatches clauses on their "kind" property, in any position within the object.</summary>
    private sealed class ClauseConverter : JsonConverter<IncentiveClause>
    {
        private static readonly Dictionary<string, Type> Kinds = new(StringComparer.Ordinal)
        {
            ["pool"] = typeof(PoolClause),
            ["rate"] = typeof(RateClause),
            ["split"] = typeof(SplitClause),
            ["settlement"] = typeof(SettlementClause),
        };

        public override IncentiveClause Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var element = doc.RootElement;
            if (element.ValueKind != JsonValueKind.Object) throw new JsonException("A clause must be a JSON object.");
            if (!element.TryGetProperty("kind", out var kindElement) || kindElement.ValueKind != JsonValueKind.String)
            {
                throw new JsonException($"A clause has no \"kind\"; valid kinds: {string.Join(", ", Kinds.Keys)}.");
            }
            var kind = kindElement.GetString()!;
            if (!Kinds.TryGetValue(kind, out var type))
            {
                throw new JsonException($"Unknown clause kind \"{kind}\"; valid kinds: {string.Join(", ", Kinds.Keys)}.");
            }
            return (IncentiveClause)(element.Deserialize(type, options)
                                     ?? throw new JsonException("A clause is null."));
        }

        public override void Write(Utf8JsonWriter writer, IncentiveClause value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value, value.GetType(), options);
    }
}
