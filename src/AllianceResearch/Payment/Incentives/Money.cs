using System.Globalization;

namespace AllianceResearch.Payment.Incentives;

/// <summary>
/// Money arithmetic for incentive contracts: amounts are yuan rounded to the fen (0.01) half away from
/// zero (四舍五入, the rounding used in Chinese financial settlement), and splits use the largest-remainder
/// method so that the parts always add up to the whole exactly.
/// </summary>
public static class Money
{
    /// <summary>Rounds to the fen, half away from zero.</summary>
    public static decimal Round(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero);

    /// <summary>
    /// Splits <paramref name="total"/> (rounded to the fen) in proportion to non-negative weights so the parts
    /// sum to the total exactly: each part is floored to the fen, then the leftover fen go one at a time to
    /// the largest fractional remainders (earlier position first on ties). Returns null when all weights are 0.
    /// </summary>
    public static decimal[]? Allocate(decimal total, IReadOnlyList<decimal> weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var sum = 0m;
        foreach (var w in weights)
        {
            if (w < 0) throw new ArgumentOutOfRangeException(nameof(weights), $"A split weight is negative ({w}).");
            sum += w;
        }
        if (sum == 0m) return null;
        var cents = Round(total) * 100m;
        var sign = cents < 0 ? -1m : 1m;
        cents = Math.Abs(cents);
        var parts = new decimal[weights.Count];
        var remainders = new decimal[weights.Count];
        var assigned = 0m;
        for (var i = 0; i < weights.Count; i++)
        {
            var exact = cents * weights[i] / sum;
            parts[i] = Math.Floor(exact);
            remainders[i] = exact - parts[i];
            assigned += parts[i];
        }
        var left = (int)(cents - assigned);
        var order = Enumerable.Range(0, weights.Count)
            .OrderByDescending(i => remainders[i]).ThenBy(i => i).Take(left);
        foreach (var i in order) parts[i] += 1m;
        for (var i = 0; i < parts.Length; i++) parts[i] = sign * parts[i] / 100m;
        return parts;
    }

    /// <summary>"¥1,234.50" in invariant culture.</summary>
    public static string Yuan(decimal amount) =>
        (amount < 0 ? "−¥" : "¥") + Math.Abs(amount).ToString("#,0.00", CultureInfo.InvariantCulture);

    /// <summary>A share as a percentage, e.g. 0.3 → "30%", 0.125 → "12.5%".</summary>
    public static string Percent(decimal share) =>
        (share * 100m).ToString("0.####", CultureInfo.InvariantCulture) + "%";

    /// <summary>A metric value in invariant culture without trailing zeros.</summary>
    public static string Number(decimal value) => value.ToString("#,0.######", CultureInfo.InvariantCulture);
}
