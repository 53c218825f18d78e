using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Data;

/// <summary>
/// What building a panel did to the input (数据审计): rows read and kept, rows dropped for missing values per
/// column (each dropped row is counted once, under the first used column found missing), shape, balance and cohorts.
/// </summary>
/// <param name="Source">Where the data came from (file name or "in-memory columns").</param>
/// <param name="RowsRead">Data rows read (blank lines excluded).</param>
/// <param name="RowsKept">Rows in the panel.</param>
/// <param name="DroppedByColumn">Rows dropped for a missing value, by column.</param>
/// <param name="Units">Distinct units.</param>
/// <param name="Periods">Distinct periods.</param>
/// <param name="IsBalanced">Every unit observed in every period.</param>
/// <param name="FirstPeriod">Earliest time value.</param>
/// <param name="LastPeriod">Latest time value.</param>
/// <param name="UnitsPerCohort">Number of units per cohort value (0 = never treated); empty without a cohort column.</param>
/// <param name="Reordered">True when the input was not already sorted by unit then time.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record PanelAudit(
    string Source, int RowsRead, int RowsKept, IReadOnlyDictionary<string, int> DroppedByColumn, int Units, int Periods,
    bool IsBalanced, double FirstPeriod, double LastPeriod, IReadOnlyDictionary<double, int> UnitsPerCohort, bool Reordered)
    : IHtmlRenderable
{
    /// <summary>Rows dropped for missing values.</summary>
    public int RowsDropped => RowsRead - RowsKept;

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Audit of {Source}: {RowsRead} rows read, {RowsKept} kept");
        if (RowsDropped > 0)
            sb.Append(CultureInfo.InvariantCulture, $", {RowsDropped} dropped for missing values ({string.Join(", ", DroppedByColumn.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key}: {k.Value}"))})");
        sb.Append(CultureInfo.InvariantCulture, $"; {Units} units, {Periods} periods ({Panel.Fmt(FirstPeriod)}–{Panel.Fmt(LastPeriod)}), {(IsBalanced ? "balanced" : "unbalanced")}");
        if (UnitsPerCohort.Count > 0)
            sb.Append("; units per cohort: ").Append(string.Join(", ", UnitsPerCohort.Select(k => $"{(k.Key == 0 ? "never" : Panel.Fmt(k.Key))}={k.Value}")));
        return sb.ToString();
    }

    /// <summary>The audit as a short HTML list.</summary>
    public string ToHtml() => "<div class=\"ar-audit\">" + WebUtility.HtmlEncode(ToString()) + "</div>";
}
