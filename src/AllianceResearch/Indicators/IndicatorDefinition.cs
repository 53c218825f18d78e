using System.Globalization;
using AllianceResearch.Presentation;

namespace AllianceResearch.Indicators;

/// <summary>The four aspects of the national monitoring indicator system (国卫办基层发〔2020〕12号).</summary>
public enum MonitoringAspect
{
    /// <summary>A — orderly care-seeking pattern basically formed (有序就医格局基本形成).</summary>
    OrderlyCareSeeking,

    /// <summary>B — county health-service capacity improved (县域医疗卫生服务能力提升).</summary>
    ServiceCapacity,

    /// <summary>C — effective use of health resources (医疗卫生资源有效利用).</summary>
    ResourceUse,

    /// <summary>D — improved efficiency of insurance-fund use (医保基金使用效能提升).</summary>
    FundEfficiency,
}

/// <summary>How an indicator's value is obtained.</summary>
public enum IndicatorKind
{
    /// <summary>Numerator ÷ denominator × multiplier, both sums of raw counts.</summary>
    Ratio,

    /// <summary>A count or amount: the numerator alone.</summary>
    Count,

    /// <summary>A value reported by another system (survey score, grouper output, assessment), range-checked only.</summary>
    Reported,
}

/// <summary>One signed term of a linear formula over raw count fields.</summary>
/// <param name="Field">Name of the raw count (snake_case).</param>
/// <param name="Sign">+1 or −1.</param>
public sealed record FormulaTerm(string Field, int Sign);

/// <summary>
/// A linear combination of raw count fields, written as text like <c>"a + b - c"</c>; it is the
/// numerator or denominator of an indicator.
/// </summary>
public sealed class CountFormula
{
    private CountFormula(string text, IReadOnlyList<FormulaTerm> terms)
    {
        Text = text;
        Terms = terms;
    }

    /// <summary>The formula as written.</summary>
    public string Text { get; }

    /// <summary>The signed terms.</summary>
    public IReadOnlyList<FormulaTerm> Terms { get; }

    /// <summary>Parses <c>"a + b - c"</c>; field names are letters, digits and underscores.</summary>
    public static CountFormula Parse(string text)
    {
        var terms = new List<FormulaTerm>();
        var sign = 1;
        foreach (var token in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (token == "+") { sign = 1; continue; }
            if (token == "-") { sign = -1; continue; }
            if (!token.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                throw new FormatException($"Formula '{text}': '{token}' is not a field name (letters, digits, underscores) or + / -.");
            terms.Add(new FormulaTerm(token, sign));
            sign = 1;
        }
        if (terms.Count == 0) throw new FormatException($"Formula '{text}' has no fields.");
        return new CountFormula(text, terms);
    }

    /// <summary>Evaluates the formula; throws naming the indicator and field when a count is missing or negative.</summary>
    public decimal Evaluate(IReadOnlyDictionary<string, decimal> counts, string indicatorId)
    {
        decimal sum = 0;
        foreach (var t in Terms)
        {
            if (!counts.TryGetValue(t.Field, out var v))
                throw new IndicatorException(indicatorId, $"raw count '{t.Field}' is missing (formula: {Text}).");
            if (v < 0)
                throw new IndicatorException(indicatorId, $"raw count '{t.Field}' is negative ({v.ToString(CultureInfo.InvariantCulture)}); counts and amounts must be ≥ 0.");
            sum += t.Sign * v;
        }
        return sum;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}

/// <summary>An indicator that cannot be computed from the counts given; the message names the indicator.</summary>
public sealed class IndicatorException : Exception
{
    /// <summary>Creates the exception for <paramref name="indicatorId"/>.</summary>
    public IndicatorException(string indicatorId, string problem)
        : base($"Indicator {indicatorId}: {problem}")
    {
        IndicatorId = indicatorId;
    }

    /// <summary>The indicator that failed.</summary>
    public string IndicatorId { get; }
}

/// <summary>
/// One indicator of the registry: identity, names, dimension, unit, direction and formula over raw counts.
/// </summary>
/// <param name="Id">Registry id (monitoring system A1–D5; seven-dimension F, K, P, R, O, S, Q codes).</param>
/// <param name="NameEn">English name.</param>
/// <param name="NameZh">Chinese name (中文名称).</param>
/// <param name="Dimension">Evaluation dimension of document 000 it informs.</param>
/// <param name="Aspect">Monitoring aspect (A–D) when it belongs to the national monitoring system, else null.</param>
/// <param name="Kind">Ratio, count or reported value.</param>
/// <param name="Unit">Unit of the value ("%", "CNY", "ratio", ...).</param>
/// <param name="Direction">Which way is an improvement.</param>
/// <param name="Numerator">Numerator over raw counts (null for reported values).</param>
/// <param name="Denominator">Denominator over raw counts (null for counts and reported values).</param>
/// <param name="Multiplier">100 for %, 10,000 for per 10,000, 1 otherwise.</param>
/// <param name="Min">Smallest valid value.</param>
/// <param name="Max">Largest valid value.</param>
/// <param name="EquivalentTo">Id of the same indicator under the other code system, if any.</param>
/// <param name="Source">Where the definition comes from.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record IndicatorDefinition(
    string Id, string NameEn, string NameZh, EvaluationDimension Dimension, MonitoringAspect? Aspect, IndicatorKind Kind,
    string Unit, ImprovementDirection Direction, CountFormula? Numerator, CountFormula? Denominator, decimal Multiplier,
    decimal Min, decimal Max, string? EquivalentTo, string Source) : IHtmlRenderable
{
    /// <summary>The formula as text, e.g. "in_county_admissions ÷ (in_county_admissions + out_of_county_admissions) × 100".</summary>
    public string FormulaText => Kind switch
    {
        IndicatorKind.Ratio => $"{Group(Numerator!)} ÷ {Group(Denominator!)}" + (Multiplier == 1 ? "" : $" × {Multiplier.ToString(CultureInfo.InvariantCulture)}"),
        IndicatorKind.Count => Numerator!.Text,
        _ => "reported value",
    };

    private static string Group(CountFormula f) => f.Terms.Count > 1 ? $"({f.Text})" : f.Text;

    /// <summary>
    /// Computes the indicator from aggregated raw counts. A zero denominator, a negative count or a
    /// value outside [Min, Max] throws an <see cref="IndicatorException"/> naming the indicator and value.
    /// </summary>
    public decimal Compute(IReadOnlyDictionary<string, decimal> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        decimal value;
        switch (Kind)
        {
            case IndicatorKind.Ratio:
                var num = Numerator!.Evaluate(counts, Id);
                var den = Denominator!.Evaluate(counts, Id);
                if (den == 0)
                    throw new IndicatorException(Id, $"denominator {Denominator} is zero, so {NameEn} is undefined for these counts.");
                value = num / den * Multiplier;
                break;
            case IndicatorKind.Count:
                value = Numerator!.Evaluate(counts, Id);
                break;
            default:
                throw new IndicatorException(Id, $"{NameEn} is a reported value, not computed from counts; use {nameof(Validate)} on the reported value.");
        }
        return Validate(value);
    }

    /// <summary>
    /// Computes the indicator and keeps its numerator and denominator, flagging a denominator below
    /// <paramref name="smallDenominator"/> (domain notes §7.8b: suppress or flag values from fewer than about 30 cases).
    /// </summary>
    public IndicatorValue Evaluate(IReadOnlyDictionary<string, decimal> counts, decimal smallDenominator = 30)
    {
        var value = Compute(counts);
        var num = Numerator!.Evaluate(counts, Id);
        decimal? den = Kind == IndicatorKind.Ratio ? Denominator!.Evaluate(counts, Id) : null;
        return new IndicatorValue(Id, num, den, value, den is { } d && d < smallDenominator);
    }

    /// <summary>Checks a value against the valid range; returns it or throws naming the indicator and value.</summary>
    public decimal Validate(decimal value)
    {
        if (value < Min || value > Max)
        {
            throw new IndicatorException(Id,
                $"{NameEn} = {value.ToString(CultureInfo.InvariantCulture)} {Unit} is outside its valid range " +
                $"[{Min.ToString(CultureInfo.InvariantCulture)}, {Max.ToString(CultureInfo.InvariantCulture)}] — check the counts.");
        }
        return value;
    }

    /// <inheritdoc />
    public string ToHtml() =>
        $"<table><tr><th>Id</th><td>{Html.Encode(Id)}</td></tr><tr><th>Name</th><td>{Html.Encode(NameEn)} ({Html.Encode(NameZh)})</td></tr>" +
        $"<tr><th>Dimension</th><td>{Html.Encode(Dimension.EnglishName())}</td></tr><tr><th>Formula</th><td>{Html.Encode(FormulaText)}</td></tr>" +
        $"<tr><th>Unit</th><td>{Html.Encode(Unit)}</td></tr><tr><th>Direction</th><td>{Direction}</td></tr></table>";

    /// <inheritdoc />
    public override string ToString() => $"{Id} {NameEn} ({NameZh}) [{Dimension.EnglishName()}, {Unit}, {Direction}]: {FormulaText}";
}

/// <summary>A computed indicator value with the counts behind it.</summary>
/// <param name="Id">Indicator id.</param>
/// <param name="Numerator">Numerator (or the count itself).</param>
/// <param name="Denominator">Denominator, null for counts.</param>
/// <param name="Value">Numerator ÷ denominator × multiplier.</param>
/// <param name="SmallDenominator">True when the denominator is below the threshold: show with a warning or suppress.</param>
public sealed record IndicatorValue(string Id, decimal Numerator, decimal? Denominator, decimal Value, bool SmallDenominator);

/// <summary>Minimal HTML escaping for the renderers in this namespace.</summary>
internal static class Html
{
    public static string Encode(string? text) => System.Net.WebUtility.HtmlEncode(text ?? "");
}
