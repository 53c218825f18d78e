using System.Diagnostics;
using System.Globalization;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Did;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Bench;

/// <summary>
/// TWFE benchmarks on the performance-anchor panels (units × 10 periods, cohorts {never, 3, 5, 7, 9}, x1, x2):
/// y ~ d + x1 + x2 | id + t with standard errors clustered by id, against R fixest's timings in bench_r.csv.
/// Run one size per process so the peak memory belongs to that size.
/// </summary>
internal static class TwfeBench
{
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary><c>twfe ROWS [RUNS]</c>: estimation only, data already in memory; median of RUNS (default 3).</summary>
    public static int Estimation(string[] args)
    {
        long rows = args.Length > 0 ? long.Parse(args[0], Inv) : 1_000_000;
        int runs = args.Length > 1 ? int.Parse(args[1], Inv) : 3;
        var gen = TwfeSimulatedPanel.Generate(checked((int)(rows / 10)), 10, seed: 42);
        // Hand the generated arrays to the panel without copies (ids and periods become codes).
        var panel = Panel.FromColumnsCore(new PanelSpec("id", "t") { Numeric = ["y", "d", "x1", "x2"] },
            new Dictionary<string, Array> { ["id"] = gen.Id, ["t"] = gen.T, ["d"] = gen.D, ["x1"] = gen.X1, ["x2"] = gen.X2, ["y"] = gen.Y },
            "generated", copyDoubles: false);
        gen = null;
        GC.Collect();
        double peakAfterBuild = BenchRegistry.PeakMemoryMiB();
        double rawMiB = panel.RowCount * (4 * 8.0 + 2 * 4) / (1024 * 1024);
        var spec = new FeolsSpec("y", ["d", "x1", "x2"], ["id", "t"]) { Vcov = Vcov.Cluster("id") };
        var times = new List<double>();
        FeolsResult? fit = null;
        for (int r = 0; r < runs; r++)
        {
            fit = null;
            GC.Collect();
            var sw = Stopwatch.StartNew();
            fit = Feols.Fit(panel, spec);
            sw.Stop();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        double median = times[times.Count / 2];
        double? r2 = RTime(panel.RowCount, 2);
        Console.WriteLine($"twfe estimation: rows={panel.RowCount} units={panel.UnitCount} runs={runs} median_s={median.ToString("F3", Inv)} " +
                          $"min_s={times[0].ToString("F3", Inv)} peak_MiB={BenchRegistry.PeakMemoryMiB().ToString("F0", Inv)} " +
                          $"peak_after_build_MiB={peakAfterBuild.ToString("F0", Inv)} raw_numeric_MiB={rawMiB.ToString("F0", Inv)} fixest_2threads_s={(r2?.ToString("F3", Inv) ?? "n/a")}" +
                          (r2 is { } rt ? $" speedup={(rt / median).ToString("F1", Inv)}x" : ""));
        var d = fit!.Coefficients[0];
        Console.WriteLine($"  d = {d.Estimate.ToString("R", Inv)} (SE {d.StdError.ToString("R", Inv)}), absorption: {fit.Absorption}");
        return 0;
    }

    /// <summary><c>twfe-csv FILE</c>: whole process from CSV (start, read, estimate, print), wall time since process start.</summary>
    public static int FromCsv(string[] args)
    {
        if (args.Length < 1) { Console.Error.WriteLine("usage: twfe-csv FILE.csv"); return 2; }
        var start = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        var sw = Stopwatch.StartNew();
        var pspec = new PanelSpec("id", "t") { Numeric = ["y", "d", "x1", "x2"] };
        var raw = PanelCsvReader.Read(args[0], pspec);
        double parse = sw.Elapsed.TotalSeconds;
        var panel = Panel.Build(raw, pspec);
        raw = null;
        double read = sw.Elapsed.TotalSeconds;
        var fit = Feols.Fit(panel, new FeolsSpec("y", ["d", "x1", "x2"], ["id", "t"]) { Vcov = Vcov.Cluster("id") });
        double est = sw.Elapsed.TotalSeconds - read;
        Console.WriteLine(fit.ToString());
        double total = (DateTime.UtcNow - start).TotalSeconds;
        Console.WriteLine($"twfe from csv: rows={panel.RowCount} file_MiB={(new FileInfo(args[0]).Length / 1048576.0).ToString("F0", Inv)} " +
                          $"parse_s={parse.ToString("F3", Inv)} read_s={read.ToString("F3", Inv)} estimate_s={est.ToString("F3", Inv)} process_s={total.ToString("F3", Inv)} " +
                          $"peak_MiB={BenchRegistry.PeakMemoryMiB().ToString("F0", Inv)}");
        return 0;
    }

    /// <summary><c>twfe-write ROWS FILE</c>: writes the anchor panel as CSV (id,t,g,d,x1,x2,y), atomically, with 15 significant
    /// digits (what data.table::fwrite writes by default).</summary>
    public static int Write(string[] args)
    {
        if (args.Length < 2) { Console.Error.WriteLine("usage: twfe-write ROWS FILE.csv"); return 2; }
        long rows = long.Parse(args[0], Inv);
        var c = TwfeSimulatedPanel.Generate(checked((int)(rows / 10)), 10, seed: 42);
        var tmp = args[1] + ".tmp";
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 20))
        {
            w.Write("id,t,g,d,x1,x2,y\n");
            for (int i = 0; i < c.Id.Length; i++)
            {
                w.Write(c.Id[i].ToString(Inv)); w.Write(',');
                w.Write(c.T[i].ToString(Inv)); w.Write(',');
                w.Write(c.G[i].ToString(Inv)); w.Write(',');
                w.Write(c.D[i].ToString(Inv)); w.Write(',');
                w.Write(c.X1[i].ToString("G15", Inv)); w.Write(',');
                w.Write(c.X2[i].ToString("G15", Inv)); w.Write(',');
                w.Write(c.Y[i].ToString("G15", Inv)); w.Write('\n');
            }
        }
        File.Move(tmp, args[1], overwrite: true);
        Console.WriteLine($"wrote {c.Id.Length} rows to {args[1]}");
        return 0;
    }

    /// <summary>fixest's median time for <paramref name="rows"/> with <paramref name="threads"/> threads, if recorded.</summary>
    private static double? RTime(long rows, int threads)
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AllianceResearch.sln"))) dir = dir.Parent;
        if (dir is null) return null;
        var path = Path.Combine(dir.FullName, "..", "shared", "reference", "expected", "bench_r.csv");
        if (!File.Exists(path)) return null;
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            if (f[0] == "fixest" && f[1] == "feols_twfe_cluster" && long.Parse(f[2], Inv) == rows && int.Parse(f[3], Inv) == threads)
                return double.Parse(f[4], Inv);
        }
        return null;
    }
}
