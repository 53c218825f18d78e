using System.Globalization;

namespace AllianceResearch.Presentation.Charts;

/// <summary>Colour ramps and helpers for heatmaps and contrast-aware labels.</summary>
public static class ColorRamps
{
    private static readonly string[] ViridisStops =
        ["#440154", "#482878", "#3E4A89", "#31688E", "#26828E", "#1F9E89", "#35B779", "#6DCD59", "#B4DE2C", "#FDE725"];

    private static readonly string[] BluesStops =
        ["#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6", "#2171B5", "#08519C", "#08306B"];

    private static readonly string[] DivergingStops =
        ["#2166AC", "#67A9CF", "#D1E5F0", "#F7F7F7", "#FDDBC7", "#EF8A62", "#B2182B"];

    private static readonly string[] GreyStops = ["#F7F7F7", "#CCCCCC", "#969696", "#636363", "#252525"];

    /// <summary>The colour at position <paramref name="t"/> (0–1, clamped) of a ramp, as #RRGGBB.</summary>
    public static string At(ColorScale scale, double t)
    {
        var stops = scale switch
        {
            ColorScale.Viridis => ViridisStops,
            ColorScale.Blues => BluesStops,
            ColorScale.Diverging => DivergingStops,
            ColorScale.Greys => GreyStops,
            _ => throw new ArgumentOutOfRangeException(nameof(scale), scale, "Unknown colour scale."),
        };
        if (double.IsNaN(t)) t = 0;
        t = Math.Clamp(t, 0, 1) * (stops.Length - 1);
        var i = Math.Min((int)Math.Floor(t), stops.Length - 2);
        var f = t - i;
        var (r1, g1, b1) = Parse(stops[i]);
        var (r2, g2, b2) = Parse(stops[i + 1]);
        return Hex(r1 + (r2 - r1) * f, g1 + (g2 - g1) * f, b1 + (b2 - b1) * f);
    }

    /// <summary>Relative luminance (WCAG) of a #RRGGBB colour, 0 = black, 1 = white.</summary>
    public static double Luminance(string hex)
    {
        var (r, g, b) = Parse(hex);
        static double Lin(double c)
        {
            c /= 255;
            return c <= 0.03928 ? c / 12.92 : Math.Pow((c + 0.055) / 1.055, 2.4);
        }
        return 0.2126 * Lin(r) + 0.7152 * Lin(g) + 0.0722 * Lin(b);
    }

    /// <summary>Black or white text, whichever contrasts more with the fill.</summary>
    public static string TextOn(string fill) => Luminance(fill) > 0.22 ? "#1F1F1F" : "#FFFFFF";

    /// <summary>Mixes a colour towards white by <paramref name="amount"/> (0 = unchanged, 1 = white).</summary>
    public static string Lighten(string hex, double amount)
    {
        var (r, g, b) = Parse(hex);
        return Hex(r + (255 - r) * amount, g + (255 - g) * amount, b + (255 - b) * amount);
    }

    internal static (double R, double G, double B) Parse(string hex)
    {
        if (hex.Length != 7 || hex[0] != '#')
            throw new ArgumentException($"Colour '{hex}' is not in #RRGGBB form.");
        return (int.Parse(hex.AsSpan(1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(hex.AsSpan(3, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture),
                int.Parse(hex.AsSpan(5, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }

    private static string Hex(double r, double g, double b) =>
        string.Create(CultureInfo.InvariantCulture, $"#{(int)Math.Round(r):X2}{(int)Math.Round(g):X2}{(int)Math.Round(b):X2}");
}
