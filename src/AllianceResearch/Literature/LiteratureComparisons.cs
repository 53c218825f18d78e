using System.Globalization;
using AllianceResearch.Indicators;

namespace AllianceResearch.Literature;

/// <summary>
/// The review's comparisons rebuilt from the evidence base: region × payment-method matrix,
/// region × dimension evidence map, vote counting by dimension, the four incentive models side by
/// side. Cells the source leaves empty stay "unknown" — nothing is filled in.
/// </summary>
public static class LiteratureComparisons
{
    private const string Doc000 = "document 000 (000_e46dd8698a166df8.txt)";
    private const string Doc002 = "document 002 (002_14a4fbf448a5212e.txt)";
    private const string Doc003 = "document 003 (003_2819d52ff3edc13b.txt)";

    /// <summary>Region label used in tables: "Deqing County (Zhejiang)" or "unknown region U1".</summary>
    public static string RegionLabel(StudyRegion r) => r.NamedInText ? $"{r.NameEn} ({r.ProvinceEn})" : $"unknown region {r.Id}";

    /// <summary>Region × payment-method matrix (Table 1 of the review, as far as its text allows).</summary>
    public static ComparisonTable RegionPaymentMatrix(EvidenceBase evidence)
    {
        var methods = evidence.PaymentMethods.Select(m => m.Method).Distinct().ToList();
        var rows = new List<IReadOnlyList<string>>();
        var overall = evidence.PaymentMethods.Where(m => m.RegionId == "ALL").ToDictionary(m => m.Method, m => m.Status);
        rows.Add(["All 9 regions (review summary)", .. methods.Select(m => overall.TryGetValue(m, out var s) ? s : "—")]);
        foreach (var r in evidence.Regions)
        {
            var cells = evidence.PaymentMethods.Where(m => m.RegionId == r.Id).ToDictionary(m => m.Method, m => m.Status);
            rows.Add([RegionLabel(r), .. methods.Select(m => cells.TryGetValue(m, out var s) ? s : "not stated")]);
        }
        return new ComparisonTable("Region × payment method",
            $"{Doc000}: the overview of the regions' payment models and section 2.3.1 on DRG (Table 1's body is not in the text, so region cells it alone would fill are 'unknown' or 'not stated')",
            ["Region", .. methods], rows);
    }

    /// <summary>Evidence map: regions × the seven dimensions with the direction the text reports (Table 2 as far as the text allows).</summary>
    public static ComparisonTable EvidenceMap(EvidenceBase evidence)
    {
        var dims = EvaluationDimensions.All;
        var rows = new List<IReadOnlyList<string>>();
        IEnumerable<(string Id, string Label)> regions =
            [("ALL", "All 9 regions (review summary)"), .. evidence.Regions.Select(r => (r.Id, RegionLabel(r)))];
        foreach (var (id, label) in regions)
        {
            var cells = evidence.RegionDimensionEvidence.Where(e => e.RegionId == id).ToDictionary(e => e.Dimension, e => Symbol(e.Direction));
            rows.Add([label, .. dims.Select(d => cells.TryGetValue(d, out var s) ? s : "")]);
        }
        return new ComparisonTable("Region × dimension evidence map (↑ improved, ↓ worsened, = stable and high, ? reported without a direction, blank = the text says nothing)",
            $"{Doc000}: the effect-evaluation paragraph (seven dimensions) and section 2.3.1 (Table 2's body is not in the text)",
            ["Region", .. dims.Select(d => d.EnglishName())], rows);
    }

    /// <summary>Direction word → symbol used in the evidence map.</summary>
    public static string Symbol(string direction) => direction switch
    {
        "improved" => "↑",
        "worsened" => "↓",
        "stable high" => "=",
        _ when direction.StartsWith("reported", StringComparison.Ordinal) => "?",
        _ => direction,
    };

    /// <summary>Vote counting by dimension over the review's reported findings.</summary>
    public static ComparisonTable VoteCount(EvidenceBase evidence)
    {
        var rows = EvaluationDimensions.All.Select(d =>
        {
            var f = evidence.DimensionFindings.Where(x => x.Dimension == d).ToList();
            var improved = f.Count(x => x.IsImprovement && x.Direction != "stable high");
            var stable = f.Count(x => x.Direction == "stable high");
            var worsened = f.Count(x => !x.IsImprovement);
            var exceptions = string.Join(", ", evidence.RegionDimensionEvidence
                .Where(e => e.Dimension == d && e.Direction == "worsened")
                .Select(e => evidence.Regions.Single(r => r.Id == e.RegionId).NameEn));
            var overall = worsened == 0 ? (improved > 0 ? "improved" : "stable") : improved > worsened ? "mostly improved" : "mixed";
            return (IReadOnlyList<string>)[$"{d.EnglishName()} ({d.ChineseName()})", f.Count.ToString(CultureInfo.InvariantCulture),
                improved.ToString(CultureInfo.InvariantCulture), stable.ToString(CultureInfo.InvariantCulture),
                worsened.ToString(CultureInfo.InvariantCulture), exceptions, overall];
        }).ToList();
        return new ComparisonTable("Vote counting by dimension (findings reported by the review)",
            $"{Doc000}: the effect-evaluation paragraph; counts are findings, not studies (the per-study table is not in the text)",
            ["Dimension", "Findings", "Improved", "Stable and high", "Worsened", "Exception named", "Overall"], rows);
    }

    /// <summary>The four incentive models compared on mechanism, strengths, limits and fit, with their case.</summary>
    public static ComparisonTable IncentiveModels(EvidenceBase evidence)
    {
        var rows = evidence.IncentiveModels.Select(m =>
        {
            var cases = string.Join("; ", evidence.Cases.Where(c => c.ModelId == m.Id).Select(c => c.NameEn));
            return (IReadOnlyList<string>)[$"{m.NameEn} ({m.NameZh})", m.Mechanism, m.Strengths, m.Limits, m.FitsWhen, cases];
        }).ToList();
        return new ComparisonTable("The four incentive models under global budgets",
            $"{Doc003}: the four practice models (mechanism, case, strengths and limits) and the selection framework; wording ours",
            ["Model", "Mechanism", "Strengths", "Limits", "Fits when", "Case"], rows);
    }

    /// <summary>The cases' headline figures (unknown figures shown as unknown).</summary>
    public static ComparisonTable CaseFigures(EvidenceBase evidence)
    {
        var rows = evidence.Cases.SelectMany(c => evidence.CaseFigures.Where(f => f.CaseId == c.Id).Select(f =>
            (IReadOnlyList<string>)[c.NameEn, f.Figure,
                f.Value is { } v ? $"{v.ToString(CultureInfo.InvariantCulture)} {f.Unit}" : "unknown", f.Year,
                f.Status.ToString().ToLowerInvariant()])).ToList();
        return new ComparisonTable("Case figures", $"{Doc003}: the four typical cases", ["Case", "Figure", "Value", "Year", "Status"], rows);
    }

    /// <summary>The 2019 → 2020 monitored outcomes with their provenance.</summary>
    public static ComparisonTable MonitoringChanges(EvidenceBase evidence)
    {
        static string S(decimal? v) => v is { } d ? d.ToString(CultureInfo.InvariantCulture) : "—";
        var rows = evidence.MonitoringOutcomes.Select(o => (IReadOnlyList<string>)[o.IndicatorId, $"{o.NameEn} ({o.NameZh})", o.Unit,
            S(o.Value2019) + (o.Status2019 == FigureStatus.Derived ? " (derived)" : ""), S(o.Value2020),
            S(o.Change) + (o.StatusChange == FigureStatus.Derived ? " (derived)" : "")]).ToList();
        return new ComparisonTable("Pilot counties' monitored indicators, 2019 → 2020",
            $"{Doc002}: the sections on patient flow, capacity, resource use and fund use; 'derived' = computed here from stated figures",
            ["Id", "Indicator", "Unit", "2019", "2020", "Change"], rows);
    }
}
