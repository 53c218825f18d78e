using System.Globalization;
using AllianceResearch.Did.Staggered;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Did.Staggered;

/// <summary>Loads the R <c>did</c> example panel (mpdta) and the reference CSVs produced by R.</summary>
internal static class Mpdta
{
    public static StaggeredData Load(bool withLpop = false)
    {
        var lines = File.ReadAllLines(RepoPaths.Reference("mpdta.csv"));
        var header = lines[0].Split(',');
        int cy = Array.IndexOf(header, "year"), cu = Array.IndexOf(header, "countyreal"), cl = Array.IndexOf(header, "lemp"),
            cp = Array.IndexOf(header, "lpop"), cg = Array.IndexOf(header, "first.treat");
        var rows = lines.Skip(1).Select(l => l.Split(',')).Select(f => (
            Unit: int.Parse(f[cu], CultureInfo.InvariantCulture), Year: double.Parse(f[cy], CultureInfo.InvariantCulture),
            Y: double.Parse(f[cl], CultureInfo.InvariantCulture), Lpop: double.Parse(f[cp], CultureInfo.InvariantCulture),
            G: double.Parse(f[cg], CultureInfo.InvariantCulture))).OrderBy(r => r.Unit).ThenBy(r => r.Year).ToArray();
        var periods = rows.Select(r => r.Year).Distinct().Order().ToArray();
        var units = rows.Select(r => r.Unit).Distinct().Order().ToArray();
        var cohort = units.Select(u => rows.First(r => r.Unit == u).G).ToArray();
        return new StaggeredData(periods, cohort, rows.Select(r => r.Y).ToArray(), null,
            withLpop ? [rows.Select(r => r.Lpop).ToArray()] : null, withLpop ? ["lpop"] : null, null,
            units.Select(u => u.ToString(CultureInfo.InvariantCulture)).ToArray(), "lemp");
    }

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
