using System.Net;
using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Guide;

/// <summary>
/// Document 001's gate on alliance global payment: only an alliance that has achieved all six unifications
/// (六统一) counts as tight, and only a tight alliance may be paid a global budget. Tightness is the cause,
/// global payment the consequence — not two parallel tasks.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record TightnessCheck : IHtmlRenderable
{
    /// <summary>Unifications achieved, in the document's order.</summary>
    public required IReadOnlyList<UnificationInfo> Achieved { get; init; }

    /// <summary>Unifications missing, in the document's order.</summary>
    public required IReadOnlyList<UnificationInfo> Missing { get; init; }

    /// <summary>True when all six are achieved: the alliance may be paid a global budget.</summary>
    public bool GlobalBudgetEligible => Missing.Count == 0;

    /// <summary>Why the alliance is or is not eligible, one sentence per finding.</summary>
    public IReadOnlyList<string> Reasons => GlobalBudgetEligible
        ? ["All six unifications are in place (六统一): the alliance is tight and may be paid a global budget (001_46378e2de3f0a946.txt)."]
        : Missing.Select(m => $"Missing: {m.Name} ({m.NameZh}).")
            .Append($"{Missing.Count} of 6 unifications missing: not tight, so not eligible for global budget payment; " +
                    "complete them first — tightness is the precondition of global payment (001_46378e2de3f0a946.txt).")
            .ToList();

    /// <summary>Checks <paramref name="achieved"/> against the six unifications.</summary>
    public static TightnessCheck Evaluate(IEnumerable<Unification> achieved, IncentiveGuide? guide = null)
    {
        ArgumentNullException.ThrowIfNull(achieved);
        guide ??= IncentiveGuide.Default;
        var set = achieved.ToHashSet();
        return new TightnessCheck
        {
            Achieved = guide.Unifications.Where(u => set.Contains(u.Id)).ToList(),
            Missing = guide.Unifications.Where(u => !set.Contains(u.Id)).ToList(),
        };
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Six-unification check: {Achieved.Count}/6 — global budget {(GlobalBudgetEligible ? "ELIGIBLE" : "NOT eligible")}");
        foreach (var u in Achieved) sb.AppendLine($"  [x] {u.Name} ({u.NameZh})");
        foreach (var u in Missing) sb.AppendLine($"  [ ] {u.Name} ({u.NameZh})");
        foreach (var r in Reasons) sb.AppendLine($"  {r}");
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder("<div class=\"tightness-check\">");
        sb.Append($"<p><b>Six unifications: {Achieved.Count}/6</b> — global budget <b>{(GlobalBudgetEligible ? "eligible" : "not eligible")}</b></p><ul>");
        foreach (var u in Achieved) sb.Append($"<li>✓ {E(u.Name)} <small>{E(u.NameZh)}</small></li>");
        foreach (var u in Missing) sb.Append($"<li>✗ {E(u.Name)} <small>{E(u.NameZh)}</small></li>");
        sb.Append("</ul><p><small>").Append(E(Reasons[^1])).Append("</small></p></div>");
        return sb.ToString();
    }
}
