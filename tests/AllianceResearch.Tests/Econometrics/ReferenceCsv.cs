using System.Globalization;

namespace AllianceResearch.Tests.Econometrics;

/// <summary>Reads the small quoted CSV files of R reference outputs into dictionaries (header → value).</summary>
internal static class ReferenceCsv
{
    public static List<Dictionary<string, string>> Read(string path)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = Split(lines[0]);
        return lines.Skip(1).Select(l =>
        {
            var f = Split(l);
            return header.Select((h, i) => (h, v: f[i])).ToDictionary(x => x.h, x => x.v);
        }).ToList();
    }

    public static double Num(this Dictionary<string, string> row, string col) =>
        double.Parse(row[col], NumberStyles.Float, CultureInfo.InvariantCulture);

    private static List<string> Split(string line)
    {
        var result = new List<string>();
        var cur = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { cur.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else cur.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { result.Add(cur.ToString()); cur.Clear(); }
            else cur.Append(c);
        }
        result.Add(cur.ToString());
        return result;
    }

    /// <summary>Asserts |actual − expected| ≤ rel·|expected| (plus a tiny absolute floor for values near 0).</summary>
    public static void Close(double expected, double actual, double rel, string what)
    {
        double tol = rel * Math.Abs(expected) + 1e-300;
        Assert.True(Math.Abs(actual - expected) <= tol,
            $"{what}: expected {expected:R}, got {actual:R} (rel diff {Math.Abs(actual - expected) / Math.Abs(expected):E2}, tolerance {rel:E0})");
    }
}
