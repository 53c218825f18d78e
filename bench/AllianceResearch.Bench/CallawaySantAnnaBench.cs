using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using AllianceResearch.Did.Staggered;
using AllianceResearch.Simulation;

namespace AllianceResearch.Bench;

/// <summary>
/// Callaway–Sant'Anna, no covariates, never-treated comparison, dynamic aggregation with analytic (influence-function)
/// standard errors, on the reference benchmark's panels (N units × 10 periods, cohorts uniform on {never, 3, 5, 7, 9}):
/// the task R did/fastdid are timed on in ../shared/reference/expected/bench_r.csv. Estimation only (data in memory).
/// </summary>
internal static class CallawaySantAnnaBench
{
    [ModuleInitializer]
    internal static void Register() =>
        BenchRegistry.Benchmarks["cs"] = ("Callaway–Sant'Anna att_gt + dynamic aggregation, analytic SEs. Args: ROWS[,ROWS…] [REPEATS=3]", Run);

    private static int Run(string[] args)
    {
        var sizes = (args.Length > 0 ? args[0] : "100000,1000000").Split(',').Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        int repeats = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3;
        Console.WriteLine("task,rows,units,repeats,median_s,min_s,att_dynamic,se_dynamic,peak_mib");
        foreach (var rows in sizes)
        {
            int units = (int)(rows / 10);
            var sim = StaggeredPanelGenerator.Generate(new StaggeredPanelDesign(units, 10, Seed: 20261122));
            var cohort = new double[units];
            for (int i = 0; i < units; i++) cohort[i] = sim.G[(long)i * 10];
            var data = new StaggeredData([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], cohort, sim.Y);
            sim = null;
            GC.Collect();
            var times = new List<double>();
            CallawaySantAnnaAggregate? agg = null;
            for (int r = 0; r < repeats; r++)
            {
                var sw = Stopwatch.StartNew();
                var result = StaggeredDid.CallawaySantAnna(data, new CallawaySantAnnaSpec("y"));
                agg = result.Aggregate(new AggregationSpec(AggregationType.Dynamic));
                sw.Stop();
                times.Add(sw.Elapsed.TotalSeconds);
                result = null;
                GC.Collect();
            }
            times.Sort();
            Console.WriteLine(string.Join(",", "cs_att_gt+aggte_dynamic", rows, units, repeats,
                times[times.Count / 2].ToString("F3", CultureInfo.InvariantCulture), times[0].ToString("F3", CultureInfo.InvariantCulture),
                agg!.Att.ToString("F5", CultureInfo.InvariantCulture), agg.StdError.ToString("F6", CultureInfo.InvariantCulture),
                BenchRegistry.PeakMemoryMiB().ToString("F0", CultureInfo.InvariantCulture)));
        }
        return 0;
    }
}
