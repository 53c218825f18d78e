using System.Globalization;
using AllianceResearch.Data;
using AllianceResearch.Did.Staggered;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Loads the R <c>did</c> example panel (mpdta) and the reference CSVs produced by R.</summary>
internal static class Mpdta
{
    public static Panel Panel() => AllianceResearch.Data.Panel.FromCsv(RepoPaths.Reference("mpdta.csv"),
        new PanelSpec("countyreal", "year") { Numeric = ["lemp", "lpop"], Cohort = "first.treat" });

    /// <summary>mpdta laid out as units × periods through the public Panel route.</summary>
    public static StaggeredData Load(bool withLpop = false) =>
        StaggeredDataBuilder.FromPanel(Panel(), "lemp", withLpop ? ["lpop"] : [], null, []);

    /// <summary>Reads a reference CSV (R write.csv style; quoted strings; NA as missing) into dictionaries.</summary>
    public static List<Dictionary<string, string>> ReadCsv(string name)
    {
        var lines = File.ReadAllLines(RepoPaths.Reference("expected", name));
        var header = SplitCsv(lines[0]);
        return lines.Skip(1).Where(l => l.Length > 0).Select(l =>
        {
            var f = SplitCsv(l);
            return header.Select((h, i) => (h, f[i])).ToDictionary(p => p.h, p => p.Item2);
        }).ToList();
    }

    public static double Num(string s) => s == "NA" ? double.NaN : s == "Inf" ? double.PositiveInfinity : double.Parse(s, CultureInfo.InvariantCulture);

    private static string[] SplitCsv(string line)
    {
        var res = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool q = false;
        foreach (var ch in line)
        {
            if (ch == '"') { q = !q; continue; }
            if (ch == ',' && !q) { res.Add(cur.ToString()); cur.Clear(); continue; }
            cur.Append(ch);
        }
        res.Add(cur.ToString());
        return res.ToArray();
    }

    /// <summary>|a − b| / max(|b|, 1e-300); NaN-vs-NaN counts as 0.</summary>
    public static double RelDiff(double a, double b)
    {
        if (double.IsNaN(a) && double.IsNaN(b)) return 0;
        return Math.Abs(a - b) / Math.Max(Math.Abs(b), 1e-300);
    }
}
