using System.Globalization;

namespace AllianceResearch.Presentation.Charts;

/// <summary>How an axis or a label prints numbers. Immutable; pick one of the factories.</summary>
public sealed record NumberFormat
{
    private NumberFormat(NumberFormatKind kind, int? decimals, string prefix = "", string suffix = "")
    {
        Kind = kind;
        Decimals = decimals;
        Prefix = prefix;
        Suffix = suffix;
    }

    /// <summary>Which family of format this is.</summary>
    public NumberFormatKind Kind { get; }

    /// <summary>Decimal places; null means "as many as the tick step needs".</summary>
    public int? Decimals { get; }

    /// <summary>Text before the number (e.g. a currency sign).</summary>
    public string Prefix { get; }

    /// <summary>Text after the number (e.g. a unit).</summary>
    public string Suffix { get; }

    /// <summary>Plain numbers with decimals chosen from the tick step; thousands separated from 10,000 on.</summary>
    public static NumberFormat Auto { get; } = new(NumberFormatKind.Auto, null);

    /// <summary>Fixed decimal places, no grouping.</summary>
    public static NumberFormat Fixed(int decimals) => new(NumberFormatKind.Fixed, Check(decimals));

    /// <summary>Thousands separators (1,234,567), optional decimals.</summary>
    public static NumberFormat Thousands(int? decimals = null) => new(NumberFormatKind.Thousands, decimals is null ? null : Check(decimals.Value));

    /// <summary>A proportion shown as percent: 0.125 → "12.5%".</summary>
    public static NumberFormat Percent(int? decimals = null) => new(NumberFormatKind.Percent, decimals is null ? null : Check(decimals.Value), suffix: "%");

    /// <summary>A value already in percent units: 12.5 → "12.5%".</summary>
    public static NumberFormat PercentPoints(int? decimals = null) => new(NumberFormatKind.PercentPoints, decimals is null ? null : Check(decimals.Value), suffix: "%");

    /// <summary>Renminbi with thousands separators: 1234 → "¥1,234".</summary>
    public static NumberFormat Yuan(int? decimals = null) => new(NumberFormatKind.Thousands, decimals is null ? null : Check(decimals.Value), prefix: "\u00A5");

    /// <summary>Thousands separators with a unit suffix, e.g. <c>WithUnit(" 万元")</c>.</summary>
    public static NumberFormat WithUnit(string suffix, int? decimals = null) => new(NumberFormatKind.Thousands, decimals is null ? null : Check(decimals.Value), suffix: suffix);

    /// <summary>Formats one value; <paramref name="step"/> (a tick step) picks the decimals when none are fixed.</summary>
    public string Format(double value, double step = double.NaN)
    {
        if (double.IsNaN(value)) return "";
        var v = Kind == NumberFormatKind.Percent ? value * 100 : value;
        var s = double.IsNaN(step) ? double.NaN : (Kind == NumberFormatKind.Percent ? step * 100 : step);
        var decimals = Decimals ?? (double.IsNaN(s) ? DefaultDecimals(v) : DecimalsForStep(s));
        var grouping = Kind == NumberFormatKind.Thousands || (Kind == NumberFormatKind.Auto && Math.Abs(v) >= 10000);
        var pattern = (grouping ? "#,0" : "0") + (decimals > 0 ? "." + new string('0', decimals) : "");
        var rounded = Math.Round(v, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0;
        var body = Math.Abs(rounded).ToString(pattern, CultureInfo.InvariantCulture);
        // A true minus sign reads better in print than a hyphen.
        return (rounded < 0 ? "\u2212" : "") + Prefix + body + Suffix;
    }

    private static int DecimalsForStep(double step)
    {
        step = Math.Abs(step);
        if (step == 0 || double.IsInfinity(step)) return 0;
        for (var d = 0; d <= 8; d++)
        {
            var scaled = step * Math.Pow(10, d);
            if (Math.Abs(scaled - Math.Round(scaled)) < 1e-6 * Math.Max(1, scaled)) return d;
        }
        return 8;
    }

    private static int DefaultDecimals(double v)
    {
        var a = Math.Abs(v);
        if (a == 0 || a >= 100) return 0;
        if (a >= 10) return 1;
        if (a >= 0.1) return 2;
        return 3;
    }

    private static int Check(int decimals) =>
        decimals is < 0 or > 10 ? throw new ArgumentOutOfRangeException(nameof(decimals), decimals, "Decimal places must be between 0 and 10.") : decimals;
}

/// <summary>The families of <see cref="NumberFormat"/>.</summary>
public enum NumberFormatKind
{
    /// <summary>Decimals from the tick step.</summary>
    Auto,
    /// <summary>Fixed decimals.</summary>
    Fixed,
    /// <summary>Thousands separators (also currency and units).</summary>
    Thousands,
    /// <summary>Proportion × 100 with a percent sign.</summary>
    Percent,
    /// <summary>Already in percent units, with a percent sign.</summary>
    PercentPoints,
}

/// <summary>"Nice" tick placement: steps of 1, 2 or 5 times a power of ten (Heckbert's rule).</summary>
public static class NiceTicks
{
    /// <summary>The tick step for a range split into about <paramref name="target"/> intervals.</summary>
    public static double Step(double min, double max, int target = 5, bool integer = false)
    {
        if (!(max > min)) return 1;
        var raw = (max - min) / Math.Max(1, target);
        var mag = Math.Pow(10, Math.Floor(Math.Log10(raw)));
        var f = raw / mag;
        var nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        var step = nice * mag;
        return integer ? Math.Max(1, Math.Round(step)) : step;
    }

    /// <summary>Tick values inside [min, max] at a nice step.</summary>
    public static IReadOnlyList<double> Values(double min, double max, int target = 5, bool integer = false)
    {
        var step = Step(min, max, target, integer);
        return AtStep(min, max, step);
    }

    /// <summary>Tick values inside [min, max] at the given step (a separate name, so an integer step never binds to the target count).</summary>
    public static IReadOnlyList<double> AtStep(double min, double max, double step)
    {
        var ticks = new List<double>();
        if (!(max >= min) || step <= 0) return ticks;
        var first = Math.Ceiling(min / step - 1e-9);
        var last = Math.Floor(max / step + 1e-9);
        for (var k = first; k <= last && ticks.Count < 200; k++)
        {
            var v = k * step;
            // Snap away floating noise so 0.30000000000000004 prints as 0.3.
            v = Math.Round(v / step) * step;
            v = double.Parse(v.ToString("G12", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            ticks.Add(v == 0 ? 0 : v);
        }
        return ticks;
    }
}
