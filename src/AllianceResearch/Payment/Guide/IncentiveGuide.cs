using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using AllianceResearch.Payment.Incentives;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Guide;

/// <summary>Regional economy and fiscal capacity (区域经济与财政能力), document 003's first selection factor.</summary>
public enum EconomyLevel
{
    /// <summary>经济发达、财政充裕: developed economy, ample fiscal capacity.</summary>
    Developed,

    /// <summary>经济欠发达、财政紧张: less developed economy, tight fiscal capacity.</summary>
    Underdeveloped,
}

/// <summary>Consortium type (医联体类型), document 003's second selection factor.</summary>
public enum ConsortiumType
{
    /// <summary>紧密型: people, money and things managed as one.</summary>
    Tight,

    /// <summary>松散型: mainly technical cooperation.</summary>
    Loose,
}

/// <summary>Structure of medical resources (医疗资源结构), document 003's third selection factor.</summary>
public enum ResourceStructure
{
    /// <summary>资源倒三角: tertiary hospitals concentrated, primary care weak.</summary>
    InvertedTriangle,

    /// <summary>资源正三角: primary care strong, tertiary hospitals lacking.</summary>
    UprightTriangle,
}

/// <summary>Reform stage (改革阶段) of document 003's staged strategy.</summary>
public enum ReformStage
{
    /// <summary>改革初期（破冰）.</summary>
    Early,

    /// <summary>改革中期.</summary>
    Middle,

    /// <summary>改革深化期.</summary>
    Deepening,
}

/// <summary>One of document 001's six unifications (六统一) that make an alliance tight.</summary>
public enum Unification
{
    /// <summary>统一人事管理.</summary>
    Personnel,

    /// <summary>统一财务管理.</summary>
    Finance,

    /// <summary>统一资产管理.</summary>
    Assets,

    /// <summary>统一业务管理.</summary>
    Business,

    /// <summary>统一药品耗材目录.</summary>
    DrugCatalogue,

    /// <summary>统一药品耗材配送.</summary>
    DrugDistribution,
}

/// <summary>A model of document 003 as described in datasets/guide/incentive-models.json.</summary>
public sealed record GuideModel
{
    /// <summary>The model.</summary>
    public required IncentiveModel Id { get; init; }

    /// <summary>English name.</summary>
    public required string Name { get; init; }

    /// <summary>Chinese name.</summary>
    public required string NameZh { get; init; }

    /// <summary>The core mechanism in a phrase.</summary>
    public required string Core { get; init; }

    /// <summary>The core mechanism in Chinese.</summary>
    public required string CoreZh { get; init; }

    /// <summary>How it works, in our words.</summary>
    public required string Mechanism { get; init; }

    /// <summary>Strengths.</summary>
    public required IReadOnlyList<string> Strengths { get; init; }

    /// <summary>Limits.</summary>
    public required IReadOnlyList<string> Limits { get; init; }

    /// <summary>Scenario files (datasets/scenarios/doc003/ID.json) that compute this model's examples.</summary>
    public required IReadOnlyList<string> Scenarios { get; init; }

    /// <summary>Case identifiers of datasets/cases/cases.csv (the evidence base transcribed from document 003).</summary>
    public required IReadOnlyList<string> Cases { get; init; }
}

/// <summary>One row of the selection framework: a factor in a context recommends models and measures.</summary>
public sealed record SelectionRule
{
    /// <summary>Factor name: economy, consortiumType or resourceStructure.</summary>
    public required string Factor { get; init; }

    /// <summary>Context value, e.g. developed, tight, invertedTriangle.</summary>
    public required string Context { get; init; }

    /// <summary>Chinese wording of the context.</summary>
    public required string ContextZh { get; init; }

    /// <summary>Recommended models, in the document's order.</summary>
    public required IReadOnlyList<IncentiveModel> Models { get; init; }

    /// <summary>True when the document names measures only and the models are our mapping of them.</summary>
    public bool ModelsInferred { get; init; }

    /// <summary>Recommended measures, in our words.</summary>
    public required string Measures { get; init; }

    /// <summary>The document's example region.</summary>
    public string? Example { get; init; }
}

/// <summary>A figure attached to a staged measure (a target or share stated by the document).</summary>
public sealed record MeasureFigure
{
    /// <summary>Metric name.</summary>
    public required string Metric { get; init; }

    /// <summary>Exact value, if the figure is a share.</summary>
    public decimal? Value { get; init; }

    /// <summary>Lower bound, if the figure is a target.</summary>
    public decimal? AtLeast { get; init; }

    /// <summary>Upper bound.</summary>
    public decimal? AtMost { get; init; }
}

/// <summary>A measure of a stage or a safeguard.</summary>
public sealed record StageMeasure
{
    /// <summary>The measure, in our words.</summary>
    public required string Text { get; init; }

    /// <summary>The document's figures for it.</summary>
    public IReadOnlyList<MeasureFigure>? Figures { get; init; }

    /// <summary>The scenario file computing it, if any.</summary>
    public string? Scenario { get; init; }
}

/// <summary>A stage of document 003's staged strategy.</summary>
public sealed record GuideStage
{
    /// <summary>The stage.</summary>
    public required ReformStage Id { get; init; }

    /// <summary>English name.</summary>
    public required string Name { get; init; }

    /// <summary>Chinese name.</summary>
    public required string NameZh { get; init; }

    /// <summary>The situation the stage describes.</summary>
    public required string Situation { get; init; }

    /// <summary>The goal.</summary>
    public required string Goal { get; init; }

    /// <summary>The model leading this stage.</summary>
    public required IncentiveModel LeadModel { get; init; }

    /// <summary>How the model is applied.</summary>
    public required string Approach { get; init; }

    /// <summary>Concrete measures.</summary>
    public required IReadOnlyList<StageMeasure> Measures { get; init; }
}

/// <summary>A unification with its names.</summary>
public sealed record UnificationInfo
{
    /// <summary>The unification.</summary>
    public required Unification Id { get; init; }

    /// <summary>English name.</summary>
    public required string Name { get; init; }

    /// <summary>Chinese name.</summary>
    public required string NameZh { get; init; }
}

/// <summary>
/// Document 003's incentive models, selection framework and staged strategy, and document 001's six
/// unifications, as data. <see cref="Default"/> is built from the JSON files of datasets/guide/ embedded
/// in the library; <see cref="Load"/> reads an edited copy from a folder.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record IncentiveGuide : IHtmlRenderable
{
    /// <summary>The four models.</summary>
    public required IReadOnlyList<GuideModel> Models { get; init; }

    /// <summary>The selection rules.</summary>
    public required IReadOnlyList<SelectionRule> Rules { get; init; }

    /// <summary>The three stages.</summary>
    public required IReadOnlyList<GuideStage> Stages { get; init; }

    /// <summary>Safeguards that apply whatever the model.</summary>
    public required IReadOnlyList<StageMeasure> Safeguards { get; init; }

    /// <summary>The six unifications.</summary>
    public required IReadOnlyList<UnificationInfo> Unifications { get; init; }

    /// <summary>Provenance: the source files the data comes from.</summary>
    public required IReadOnlyList<string> Sources { get; init; }

    private static readonly Lazy<IncentiveGuide> DefaultGuide = new(() => Build(name =>
    {
        var resource = $"AllianceResearch.Guide.{name}";
        using var stream = typeof(IncentiveGuide).Assembly.GetManifestResourceStream(resource)
                           ?? throw new InvalidOperationException($"Embedded guide file {resource} is missing from the library build.");
        using var reader = new StreamReader(stream);
        return (reader.ReadToEnd(), "datasets/guide/" + name);
    }));

    /// <summary>The guide shipped with the library (datasets/guide/*.json).</summary>
    public static IncentiveGuide Default => DefaultGuide.Value;

    /// <summary>Reads the four guide files from <paramref name="directory"/>.</summary>
    public static IncentiveGuide Load(string directory) => Build(name =>
    {
        var path = Path.Combine(directory, name);
        if (!File.Exists(path)) throw new FileNotFoundException($"Guide file not found: {path}", path);
        return (File.ReadAllText(path), path);
    });

    /// <summary>The model's description.</summary>
    public GuideModel Model(IncentiveModel id) => Models.First(m => m.Id == id);

    /// <summary>The stage's description.</summary>
    public GuideStage Stage(ReformStage id) => Stages.First(s => s.Id == id);

    /// <summary>The unification's names.</summary>
    public UnificationInfo Unification(Unification id) => Unifications.First(u => u.Id == id);

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder("Document 003's four incentive models" + Environment.NewLine);
        foreach (var m in Models)
        {
            sb.AppendLine($"  {m.Name} ({m.NameZh}): {m.Core}");
            sb.AppendLine($"    + {string.Join("; ", m.Strengths)}");
            sb.AppendLine($"    − {string.Join("; ", m.Limits)}");
        }
        sb.AppendLine("Selection rules:");
        foreach (var r in Rules) sb.AppendLine($"  {r.Factor} = {r.Context}: {string.Join(" + ", r.Models.Select(x => Model(x).Name))}{(r.ModelsInferred ? " (mapped from measures)" : "")}");
        sb.AppendLine("Stages:");
        foreach (var st in Stages) sb.AppendLine($"  {st.Name}: {Model(st.LeadModel).Name} — {st.Goal}");
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<div class=\"incentive-guide\"><table><thead><tr><th>Model</th><th>Core</th><th>Strengths</th><th>Limits</th><th>Cases</th></tr></thead><tbody>");
        foreach (var m in Models)
        {
            sb.Append($"<tr><td><b>{E(m.Name)}</b><br/>{E(m.NameZh)}</td><td>{E(m.Core)}<br/><small>{E(m.CoreZh)}</small></td>" +
                      $"<td><ul>{string.Concat(m.Strengths.Select(x => $"<li>{E(x)}</li>"))}</ul></td>" +
                      $"<td><ul>{string.Concat(m.Limits.Select(x => $"<li>{E(x)}</li>"))}</ul></td><td>{E(string.Join(", ", m.Cases))}</td></tr>");
        }
        sb.Append("</tbody></table><table><thead><tr><th>Factor</th><th>Context</th><th>Recommended</th><th>Measures</th></tr></thead><tbody>");
        foreach (var r in Rules)
        {
            sb.Append($"<tr><td>{E(r.Factor)}</td><td>{E(r.Context)}<br/><small>{E(r.ContextZh)}</small></td>" +
                      $"<td>{E(string.Join(" + ", r.Models.Select(x => Model(x).Name)))}{(r.ModelsInferred ? "<sup>*</sup>" : "")}</td><td>{E(r.Measures)}</td></tr>");
        }
        sb.Append("</tbody></table><p><small>* the document names measures; the models are our mapping of them. Sources: ")
          .Append(E(string.Join(", ", Sources))).Append("</small></p></div>");
        return sb.ToString();
    }

    private static IncentiveGuide Build(Func<string, (string Json, string Origin)> read)
    {
        var models = Parse<ModelsFile>(read("incentive-models.json"));
        var rules = Parse<RulesFile>(read("selection-rules.json"));
        var stages = Parse<StagesFile>(read("stages.json"));
        var unifications = Parse<UnificationsFile>(read("six-unifications.json"));
        var guide = new IncentiveGuide
        {
            Models = models.Models,
            Rules = rules.Rules,
            Stages = stages.Stages,
            Safeguards = stages.Safeguards,
            Unifications = unifications.Unifications,
            Sources = new[] { models.Source, rules.Source, stages.Source, unifications.Source }.Distinct().ToList(),
        };
        foreach (var model in Enum.GetValues<IncentiveModel>())
        {
            if (guide.Models.All(m => m.Id != model)) throw new InvalidDataException($"incentive-models.json: model {model} is missing.");
        }
        foreach (var stage in Enum.GetValues<ReformStage>())
        {
            if (guide.Stages.All(s => s.Id != stage)) throw new InvalidDataException($"stages.json: stage {stage} is missing.");
        }
        foreach (var u in Enum.GetValues<Unification>())
        {
            if (guide.Unifications.All(x => x.Id != u)) throw new InvalidDataException($"six-unifications.json: unification {u} is missing.");
        }
        return guide;
    }

    private static readonly JsonSerializerOptions Json = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var o = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
            ReadCommentHandling = JsonCommentHandling.Skip,
            AllowTrailingCommas = true,
        };
        o.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        return o;
    }

    private static T Parse<T>((string Json, string Origin) file)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(file.Json, Json) ?? throw new InvalidDataException($"{file.Origin}: JSON null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{file.Origin}: {ex.Message}", ex);
        }
    }

    private sealed record ModelsFile(string Source, string? Notes, IReadOnlyList<GuideModel> Models);

    private sealed record RulesFile(string Source, string? Notes, IReadOnlyList<SelectionRule> Rules);

    private sealed record StagesFile(string Source, string? Notes, IReadOnlyList<GuideStage> Stages, IReadOnlyList<StageMeasure> Safeguards);

    private sealed record UnificationsFile(string Source, string? Notes, IReadOnlyList<UnificationInfo> Unifications);
}
