using System.Text.Json;

namespace AllianceResearch.Payment.Incentives;

/// <summary>One incentive contract of a payment scenario, with the members it is evaluated against.</summary>
public sealed record IncentiveEntry
{
    /// <summary>The contract.</summary>
    public required IncentiveContract Contract { get; init; }

    /// <summary>Members from the file (a scenario's members or a metrics CSV); null when the payment run supplies them.</summary>
    public IReadOnlyList<MemberMetricRow>? Members { get; init; }

    /// <summary>Where the entry came from, for error messages.</summary>
    public required string Origin { get; init; }
}

/// <summary>
/// The optional <c>incentives</c> property of a payment scenario file (<c>alliance payment run --scenario F</c>):
/// a list (or <c>{ "contracts": [ … ] }</c>) whose items are either a path to an incentive scenario file, or an object with <c>contract</c> (a
/// path or an inline contract) and optionally <c>metrics</c> (a CSV path) or <c>members</c> (inline rows).
/// Paths are relative to the scenario file. When an entry gives no members, the payment run's own per-member
/// results are used as metrics; when it does, the run's results fill in metrics the file leaves out.
/// </summary>
public sealed record IncentiveSection
{
    /// <summary>The entries, in file order.</summary>
    public required IReadOnlyList<IncentiveEntry> Entries { get; init; }

    /// <summary>
    /// Parses the <c>incentives</c> property; <paramref name="origin"/> names the scenario file in errors and
    /// <paramref name="baseDirectory"/> resolves relative paths.
    /// </summary>
    public static IncentiveSection Parse(JsonElement incentives, string origin, string baseDirectory)
    {
        // Also accept { "contracts": [ … ] }, the shape the scenario schema sketched before this section existed.
        if (incentives.ValueKind == JsonValueKind.Object && incentives.TryGetProperty("contracts", out var listed)
            && incentives.EnumerateObject().Count() == 1)
        {
            incentives = listed;
        }
        if (incentives.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidDataException($"{origin}: 'incentives' must be a list of incentive files or {{ \"contract\": …, \"metrics\": … }} objects.");
        }
        var entries = new List<IncentiveEntry>();
        var index = 0;
        foreach (var item in incentives.EnumerateArray())
        {
            index++;
            var where = $"{origin}: incentives[{index - 1}]";
            entries.Add(item.ValueKind switch
            {
                JsonValueKind.String => FromFile(Resolve(item.GetString()!, baseDirectory, where), where),
                JsonValueKind.Object => FromObject(item, where, baseDirectory),
                _ => throw new InvalidDataException($"{where}: expected a file path or an object, found {item.ValueKind}."),
            });
        }
        return new IncentiveSection { Entries = entries };
    }

    /// <summary>Parses the <c>incentives</c> property of a scenario file's text, or returns null when it has none.</summary>
    public static IncentiveSection? FromScenarioJson(string scenarioJson, string scenarioPath)
    {
        using var doc = JsonDocument.Parse(scenarioJson, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        if (doc.RootElement.ValueKind != JsonValueKind.Object || !doc.RootElement.TryGetProperty("incentives", out var incentives)) return null;
        var directory = Path.GetDirectoryName(Path.GetFullPath(scenarioPath)) ?? ".";
        return Parse(incentives, Path.GetFileName(scenarioPath), directory);
    }

    /// <summary>
    /// Evaluates every entry. <paramref name="runMetrics"/> (member → metric → value, e.g. revenue, surplus or
    /// workload from the payment run) supplies the members of entries that list none, and fills in metrics the
    /// listed members lack; a value given in the file is never overwritten.
    /// </summary>
    public IReadOnlyList<IncentiveEvaluation> Evaluate(IReadOnlyDictionary<string, IReadOnlyDictionary<string, decimal>>? runMetrics = null)
    {
        var results = new List<IncentiveEvaluation>();
        foreach (var entry in Entries)
        {
            IEnumerable<MemberMetricRow> rows;
            if (entry.Members is { } members)
            {
                rows = members.Select(m =>
                {
                    if (runMetrics is null || !runMetrics.TryGetValue(m.Member, out var extra)) return m;
                    var merged = new Dictionary<string, decimal>(extra, StringComparer.Ordinal);
                    foreach (var (k, v) in m.Metrics) merged[k] = v;
                    return m with { Metrics = merged };
                });
            }
            else
            {
                if (runMetrics is null || runMetrics.Count == 0)
                {
                    throw new InvalidDataException($"{entry.Origin}: the entry lists no members and the payment run supplied no per-member metrics.");
                }
                rows = runMetrics.Select(kv => new MemberMetricRow { Member = kv.Key, Metrics = kv.Value });
            }
            results.Add(IncentiveEvaluator.Evaluate(entry.Contract, new MemberMetrics(rows, entry.Origin)));
        }
        return results;
    }

    private static IncentiveEntry FromFile(string path, string where)
    {
        if (!File.Exists(path)) throw new FileNotFoundException($"{where}: incentive file not found: {path}", path);
        var text = File.ReadAllText(path);
        var name = Path.GetFileName(path);
        if (IncentiveJson.LooksLikeScenario(text))
        {
            var scenario = IncentiveJson.ParseScenario(text, name);
            return new IncentiveEntry { Contract = scenario.Contract, Members = scenario.Members.Count == 0 ? null : scenario.Members, Origin = name };
        }
        return new IncentiveEntry { Contract = IncentiveJson.ParseContract(text, name), Origin = name };
    }

    private static IncentiveEntry FromObject(JsonElement item, string where, string baseDirectory)
    {
        foreach (var property in item.EnumerateObject())
        {
            if (property.Name is not ("contract" or "metrics" or "members"))
            {
                throw new InvalidDataException($"{where}: unknown property '{property.Name}'; valid: contract, metrics, members.");
            }
        }
        if (!item.TryGetProperty("contract", out var contractElement)) throw new InvalidDataException($"{where}: 'contract' is required.");
        IncentiveContract contract;
        string origin;
        if (contractElement.ValueKind == JsonValueKind.String)
        {
            var path = Resolve(contractElement.GetString()!, baseDirectory, where);
            if (!File.Exists(path)) throw new FileNotFoundException($"{where}: contract file not found: {path}", path);
            origin = Path.GetFileName(path);
            contract = IncentiveJson.ReadContract(path);
        }
        else
        {
            origin = where;
            contract = IncentiveJson.ParseContract(contractElement.GetRawText(), where + ".contract");
        }

        IReadOnlyList<MemberMetricRow>? members = null;
        var hasMetrics = item.TryGetProperty("metrics", out var metricsElement);
        var hasMembers = item.TryGetProperty("members", out var membersElement);
        if (hasMetrics && hasMembers) throw new InvalidDataException($"{where}: give 'metrics' (a CSV path) or 'members' (inline rows), not both.");
        if (hasMetrics)
        {
            if (metricsElement.ValueKind != JsonValueKind.String) throw new InvalidDataException($"{where}: 'metrics' must be a CSV file path.");
            members = MemberMetrics.ReadCsv(Resolve(metricsElement.GetString()!, baseDirectory, where)).Rows;
        }
        else if (hasMembers)
        {
            try
            {
                members = JsonSerializer.Deserialize<List<MemberMetricRow>>(membersElement.GetRawText(), IncentiveJson.Options);
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{where}.members: {ex.Message}", ex);
            }
            _ = new MemberMetrics(members ?? [], where + ".members");
        }
        return new IncentiveEntry { Contract = contract, Members = members, Origin = origin };
    }

    private static string Resolve(string path, string baseDirectory, string where)
    {
        if (string.IsNullOrWhiteSpace(path)) throw new InvalidDataException($"{where}: an empty path.");
        return Path.GetFullPath(Path.IsPathRooted(path) ? path : Path.Combine(baseDirectory, path));
    }
}
