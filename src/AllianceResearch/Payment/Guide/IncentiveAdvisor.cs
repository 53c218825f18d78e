using System.Net;
using System.Text;
using AllianceResearch.Payment.Incentives;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Payment.Guide;

/// <summary>The situation of a consortium, as document 003's selection framework describes it.</summary>
public sealed record AdvisorContext
{
    /// <summary>A label for the consortium (e.g. "Shenzhen Luohu").</summary>
    public string? Label { get; init; }

    /// <summary>Economy and fiscal capacity.</summary>
    public required EconomyLevel Economy { get; init; }

    /// <summary>The consortium type as declared.</summary>
    public required ConsortiumType Type { get; init; }

    /// <summary>Resource structure, if known.</summary>
    public ResourceStructure? Resources { get; init; }

    /// <summary>Reform stage, if known.</summary>
    public ReformStage? Stage { get; init; }

    /// <summary>Unifications achieved; null when not assessed (eligibility for a global budget is then unknown).</summary>
    public IReadOnlyList<Unification>? Unifications { get; init; }
}

/// <summary>One step of the advisor's reasoning.</summary>
public sealed record AdviceStep
{
    /// <summary>Step number, from 1.</summary>
    public required int Number { get; init; }

    /// <summary>The factor considered.</summary>
    public required string Factor { get; init; }

    /// <summary>What the step found, with its reason.</summary>
    public required string Finding { get; init; }

    /// <summary>Models this step votes for.</summary>
    public required IReadOnlyList<IncentiveModel> Votes { get; init; }

    /// <summary>Source of the rule applied.</summary>
    public required string Source { get; init; }
}

/// <summary>A model's tally: votes and the factors that cast them.</summary>
public sealed record ModelScore
{
    /// <summary>The model.</summary>
    public required IncentiveModel Model { get; init; }

    /// <summary>Number of factors recommending it.</summary>
    public required int Votes { get; init; }

    /// <summary>The factors recommending it.</summary>
    public required IReadOnlyList<string> From { get; init; }

    /// <summary>False when a gate rules the model out (insurance-led without the six unifications).</summary>
    public required bool Allowed { get; init; }
}

/// <summary>
/// The advisor's recommendation: a combination of two models, the stage's measures, the global-budget
/// gate, and every step that led there.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record Advice : IHtmlRenderable
{
    /// <summary>The input.</summary>
    public required AdvisorContext Context { get; init; }

    /// <summary>The reasoning, step by step.</summary>
    public required IReadOnlyList<AdviceStep> Steps { get; init; }

    /// <summary>The tally, best first.</summary>
    public required IReadOnlyList<ModelScore> Scores { get; init; }

    /// <summary>The recommended combination, lead model first.</summary>
    public required IReadOnlyList<IncentiveModel> Combination { get; init; }

    /// <summary>The six-unification check, when unifications were given.</summary>
    public TightnessCheck? Tightness { get; init; }

    /// <summary>True/false when assessed; null when the unifications were not given.</summary>
    public bool? GlobalBudgetEligible => Tightness?.GlobalBudgetEligible;

    /// <summary>Measures to take, in order: prerequisites, the stage's measures, the factors' measures.</summary>
    public required IReadOnlyList<string> Measures { get; init; }

    /// <summary>Cautions (e.g. eligibility not assessed).</summary>
    public required IReadOnlyList<string> Warnings { get; init; }

    /// <summary>The guide used, for names.</summary>
    public required IncentiveGuide Guide { get; init; }

    private string Name(IncentiveModel m) => $"{Guide.Model(m).Name} ({Guide.Model(m).NameZh})";

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Incentive-model advice{(Context.Label is null ? "" : " for " + Context.Label)}");
        sb.AppendLine($"Recommended combination: {string.Join(" + ", Combination.Select(Name))}");
        if (GlobalBudgetEligible is { } eligible) sb.AppendLine($"Global budget eligible: {(eligible ? "yes" : "no")}");
        sb.AppendLine();
        sb.AppendLine("How we got there:");
        foreach (var s in Steps)
        {
            sb.AppendLine($"  {s.Number}. [{s.Factor}] {s.Finding}");
            if (s.Votes.Count > 0) sb.AppendLine($"     → votes: {string.Join(", ", s.Votes.Select(v => Guide.Model(v).Name))}  ({s.Source})");
        }
        sb.AppendLine();
        sb.AppendLine("Tally:");
        foreach (var score in Scores)
        {
            sb.AppendLine($"  {Guide.Model(score.Model).Name,-36} {score.Votes} vote(s){(score.From.Count > 0 ? " from " + string.Join(", ", score.From) : "")}{(score.Allowed ? "" : " — ruled out by the six-unification gate")}");
        }
        if (Measures.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("Measures:");
            foreach (var m in Measures) sb.AppendLine($"  - {m}");
        }
        foreach (var w in Warnings) sb.AppendLine($"Warning: {w}");
        return sb.ToString();
    }

    /// <summary>The tally as a chart: votes per model, the recommended ones marked, gated ones labelled.</summary>
    public Figure ToFigure()
    {
        var labels = Scores.Select(x => Guide.Model(x.Model).Name + (Combination.Contains(x.Model) ? " ★" : "") + (x.Allowed ? "" : " (gated)")).ToList();
        return Figure.Create(560, 240)
            .Title("Votes per model")
            .Subtitle("★ recommended combination")
            .Panel(p => p.Bar(labels, Scores.Select(x => (double)x.Votes), label: "votes", orientation: Orientation.Horizontal)
                .XLabel("factors recommending the model")
                .XAxis(a => a with { IntegerTicks = true, Min = 0 }))
            .Legend(LegendPosition.None);
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<div class=\"incentive-advice\">");
        sb.Append($"<h4>Incentive-model advice{(Context.Label is null ? "" : " — " + E(Context.Label))}</h4>");
        sb.Append($"<p><b>Recommended:</b> {string.Join(" + ", Combination.Select(m => E(Name(m))))}");
        if (GlobalBudgetEligible is { } eligible) sb.Append($"<br/><b>Global budget:</b> {(eligible ? "eligible" : "not eligible")}");
        sb.Append("</p><ol>");
        foreach (var s in Steps)
        {
            sb.Append($"<li><b>{E(s.Factor)}</b>: {E(s.Finding)}");
            if (s.Votes.Count > 0) sb.Append($" <br/><small>→ {E(string.Join(", ", s.Votes.Select(v => Guide.Model(v).Name)))} ({E(s.Source)})</small>");
            sb.Append("</li>");
        }
        sb.Append("</ol>");
        sb.Append(ToFigure().ToSvg());
        if (Measures.Count > 0)
        {
            sb.Append("<p><b>Measures</b></p><ul>");
            foreach (var m in Measures) sb.Append($"<li>{E(m)}</li>");
            sb.Append("</ul>");
        }
        foreach (var w in Warnings) sb.Append($"<p><i>Warning: {E(w)}</i></p>");
        sb.Append("</div>");
        return sb.ToString();
    }
}

/// <summary>
/// Applies document 003's selection framework to a context and explains each step. Each factor (economy,
/// consortium type, resource structure) votes for the models its rule recommends and the stage votes for its
/// lead model; the two models with most votes form the combination. Ties are broken in favour of the stage's
/// lead model, then the consortium-type rule, then resource structure, then economy — our choice, because
/// the type decides which mechanisms are feasible at all. Document 001's six-unification gate then removes
/// the insurance-led model (whose core is the global budget) when the alliance is not tight.
/// </summary>
public static class IncentiveAdvisor
{
    /// <summary>Advises on <paramref name="context"/> using <paramref name="guide"/> (the shipped guide by default).</summary>
    public static Advice Advise(AdvisorContext context, IncentiveGuide? guide = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        guide ??= IncentiveGuide.Default;
        var steps = new List<AdviceStep>();
        var warnings = new List<string>();
        var measures = new List<string>();
        const string doc003 = "003_2819d52ff3edc13b.txt";
        const string doc001 = "001_46378e2de3f0a946.txt";

        // 1. Tightness first: it decides the effective consortium type and the global-budget gate.
        TightnessCheck? tightness = null;
        var effectiveType = context.Type;
        if (context.Unifications is { } unified)
        {
            tightness = TightnessCheck.Evaluate(unified, guide);
            string finding;
            if (tightness.GlobalBudgetEligible)
            {
                finding = "all six unifications achieved: tight, eligible for global budget payment";
                if (context.Type == ConsortiumType.Loose)
                {
                    effectiveType = ConsortiumType.Tight;
                    finding += "; declared loose, but by the six-unification test it is tight, so treated as tight";
                }
            }
            else
            {
                finding = $"{tightness.Missing.Count} of 6 unifications missing ({string.Join(", ", tightness.Missing.Select(m => m.Name))}): " +
                          "not eligible for global budget payment";
                if (context.Type == ConsortiumType.Tight)
                {
                    effectiveType = ConsortiumType.Loose;
                    finding += "; declared tight, but fails the six-unification test, so treated as loose";
                }
                measures.Add("Prerequisite: complete " + string.Join(", ", tightness.Missing.Select(m => $"{m.Name} ({m.NameZh})")) +
                             " before any global budget (document 001: tightness precedes global payment).");
            }
            steps.Add(new AdviceStep { Number = steps.Count + 1, Factor = "six unifications", Finding = finding, Votes = [], Source = doc001 });
        }
        else
        {
            warnings.Add("The six unifications were not assessed, so eligibility for a global budget is unknown; check them before adopting the insurance-led model (document 001).");
        }

        // 2–4. Factors vote.
        var votes = Enum.GetValues<IncentiveModel>().ToDictionary(m => m, _ => new List<string>());
        var tieOrder = new List<IncentiveModel>();
        void Apply(string factor, string context_)
        {
            var rule = guide.Rules.FirstOrDefault(r => r.Factor == factor && r.Context == context_)
                       ?? throw new InvalidDataException($"selection-rules.json has no rule for {factor} = {context_}.");
            foreach (var m in rule.Models) votes[m].Add(factor);
            steps.Add(new AdviceStep
            {
                Number = steps.Count + 1,
                Factor = factor,
                Finding = $"{context_} ({rule.ContextZh}): {rule.Measures}{(rule.ModelsInferred ? " [models mapped from the measures]" : "")}",
                Votes = rule.Models,
                Source = doc003,
            });
            measures.Add($"{factor} = {context_}: {rule.Measures}");
        }

        Apply("economy", Camel(context.Economy.ToString()));
        var typeNote = effectiveType == context.Type ? "" : " (effective)";
        Apply("consortiumType", Camel(effectiveType.ToString()));
        if (typeNote.Length > 0) steps[^1] = steps[^1] with { Finding = steps[^1].Finding + " — type as corrected by the six-unification check" };
        if (context.Resources is { } resources) Apply("resourceStructure", Camel(resources.ToString()));

        GuideStage? stage = null;
        if (context.Stage is { } s)
        {
            stage = guide.Stage(s);
            var gatedStage = tightness is { GlobalBudgetEligible: false } && stage.LeadModel == IncentiveModel.InsuranceLed;
            votes[stage.LeadModel].Add("stage");
            steps.Add(new AdviceStep
            {
                Number = steps.Count + 1,
                Factor = "reform stage",
                Finding = $"{stage.Name} ({stage.NameZh}): {stage.Situation}; goal: {stage.Goal}; lead with {guide.Model(stage.LeadModel).Name}, {stage.Approach}",
                Votes = [stage.LeadModel],
                Source = doc003,
            });
            measures.InsertRange(measures.Count(m => m.StartsWith("Prerequisite", StringComparison.Ordinal)),
                stage.Measures.Select(m => $"{stage.Name} stage{(gatedStage ? " (once the prerequisite is met)" : "")}: {m.Text}"));
        }

        // Tie-break priority: stage lead, then the type rule's models, then resources, then economy, then enum order.
        if (stage is not null) tieOrder.Add(stage.LeadModel);
        foreach (var factor in new[] { "consortiumType", "resourceStructure", "economy" })
        {
            var step = steps.FirstOrDefault(x => x.Factor == factor);
            if (step is not null) tieOrder.AddRange(step.Votes.Where(m => !tieOrder.Contains(m)));
        }
        tieOrder.AddRange(Enum.GetValues<IncentiveModel>().Where(m => !tieOrder.Contains(m)));

        var gated = tightness is { GlobalBudgetEligible: false };
        var scores = votes
            .Select(kv => new ModelScore
            {
                Model = kv.Key,
                Votes = kv.Value.Count,
                From = kv.Value,
                Allowed = !(gated && kv.Key == IncentiveModel.InsuranceLed),
            })
            .OrderByDescending(x => x.Votes).ThenBy(x => tieOrder.IndexOf(x.Model))
            .ToList();

        var combination = scores.Where(x => x.Allowed && x.Votes > 0).Take(2).Select(x => x.Model).ToList();
        var ranking = string.Join(", ", scores.Select(x => $"{guide.Model(x.Model).Name} {x.Votes}"));
        var finding2 = $"votes: {ranking}; ties broken by stage lead, then consortium type, resource structure, economy";
        if (gated && votes[IncentiveModel.InsuranceLed].Count > 0)
        {
            finding2 += $"; the insurance-led model ({votes[IncentiveModel.InsuranceLed].Count} vote(s)) is ruled out because its core, the global budget, needs all six unifications";
        }
        finding2 += $" → {string.Join(" + ", combination.Select(m => guide.Model(m).Name))}";
        steps.Add(new AdviceStep { Number = steps.Count + 1, Factor = "combination", Finding = finding2, Votes = [], Source = gated ? $"{doc003}; {doc001}" : doc003 });

        if (stage is not null && !combination.Contains(stage.LeadModel))
        {
            warnings.Add($"The {stage.Name.ToLowerInvariant()} stage's lead model ({guide.Model(stage.LeadModel).Name}) is not in the combination" +
                         (gated && stage.LeadModel == IncentiveModel.InsuranceLed ? " because the alliance is not yet tight." : "."));
        }

        return new Advice
        {
            Context = context,
            Steps = steps,
            Scores = scores,
            Combination = combination,
            Tightness = tightness,
            Measures = measures,
            Warnings = warnings,
            Guide = guide,
        };
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
