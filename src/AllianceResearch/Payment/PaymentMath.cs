using System.Globalization;
using System.Net;
using System.Text;

namespace AllianceResearch.Payment;

/// <summary>
/// Rounding and formatting shared by the payment engine: money to the fen and coefficients to four
/// decimals, both half away from zero (四舍五入), as the domain specification (§0.2) prescribes.
/// </summary>
public static class PaymentMath
{
    /// <summary>Rounds money to 2 decimals, half away from zero.</summary>
    public static decimal Money(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    /// <summary>Rounds a coefficient, score or point value to 4 decimals, half away from zero.</summary>
    public static decimal Coef(decimal value) => Math.Round(value, 4, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits <paramref name="total"/> (already in fen) in proportion to non-negative weights so the parts add
    /// up to the total exactly (largest remainder; ties to the earlier position).
    /// </summary>
    public static decimal[] Allocate(decimal total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Count == 0) throw new ArgumentException("Cannot split money among zero recipients.", nameof(weights));
        var sum = 0m;
        foreach (var w in weights)
        {
            if (w < 0) throw new ArgumentOutOfRangeException(nameof(weights), w, "A split weight is negative.");
            sum += w;
        }
        if (sum == 0m) throw new ArgumentException("All split weights are zero, so the money has no recipient.", nameof(weights));
        var cents = Money(total) * 100m;
        var sign = cents < 0 ? -1m : 1m;
        cents = Math.Abs(cents);
        var parts = new decimal[weights.Count];
        var rema = new decimal[weights.Count];
        var assigned = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = cents * weights[i] / sum;
            parts[i] = Math.Floor(exact);
            rema[i] = exact - parts[i];
            assigned += parts[i];
        }
        var left = (int)(cents - assigned);
        foreach (var i in Enumerable.Range(0, weights.Count).OrderByDescending(i => rema[i]).ThenBy(i => i).Take(left)) parts[i] += 1m;
        for (var i = 0; i < parts.Length; i++) parts[i] = sign * parts[i] / 100m;
        return parts;
    }

    /// <summary>"1,234.50" in invariant culture (yuan, no symbol).</summary>
    public static string Yuan(decimal amount) => amount.ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A fraction as a percentage with up to 2 decimals, e.g. 0.175 → "17.5%".</summary>
    public static string Pct(decimal share) => (share * 100m).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    /// <summary>A plain decimal in invariant culture.</summary>
    public static string Num(decimal value, string format = "0.####") => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>HTML-encodes text for table cells.</summary>
    internal static string H(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Renders a simple HTML table with a caption; the first column is left-aligned, the rest right-aligned.</summary>
    internal static string HtmlTable(string caption, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var sb = new StringBuilder();
        sb.Append("<table class=\"ar-table\"><caption>").Append(H(caption)).Append("</caption><thead><tr>");
        foreach (var h in header) sb.Append("<th>").Append(H(h)).Append("</th>");
        sb.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            sb.Append("<tr>");
            for (var i = 0; i < row.Count; i++)
                sb.Append(i == 0 ? "<td style=\"text-align:left\">" : "<td style=\"text-align:right\">").Append(H(row[i])).Append("</td>");
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    /// <summary>Renders rows as fixed-width text columns for ToString().</summary>
    internal static string TextTable(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        var all = new List<IReadOnlyList<string>> { header };
        all.AddRange(rows);
        var widths = new int[header.Count];
        foreach (var r in all) for (var i = 0; i < r.Count; i++) widths[i] = Math.Max(widths[i], r[i].Length);
        var sb = new StringBuilder();
        foreach (var r in all)
        {
            for (var i = 0; i < r.Count; i++)
            {
                if (i > 0) sb.Append("  ");
                sb.Append(i == 0 ? r[i].PadRight(widths[i]) : r[i].PadLeft(widths[i]));
            }
            sb.AppendLine();
        }
        return sb.ToString().TrimEnd('\n', '\r');
    }
}
