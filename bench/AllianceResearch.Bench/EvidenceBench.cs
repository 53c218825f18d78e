using System.Diagnostics;
using System.Globalization;
using AllianceResearch.Evaluation;
using AllianceResearch.Simulation;

namespace AllianceResearch.Bench;

/// <summary>
/// The synthetic county panel (1,800 counties × 9 years × 16 outcomes) and the seven-dimension scorecard on it:
/// how long a notebook-06 evaluation takes end to end.
/// </summary>
internal static class EvidenceBench
{
    /// <summary><c>scorecard [RUNS]</c>: generate the panel, then CS and TWFE scorecards; median of RUNS (default 3).</summary>
    public static int Scorecard(string[] args)
    {
        int runs = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 3;
        var gen = new List<double>();
        var cs = new List<double>();
        var twfe = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var sw = Stopwatch.StartNew();
            var synthetic = CountyPanelGenerator.Generate();
            var panel = synthetic.ToPanel();
            gen.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            ReformScorecard.Build(panel, ScorecardIndicator.SyntheticPanelOutcomes, ReformEstimators.CallawaySantAnnaSimple(cluster: "province"), "CS");
            cs.Add(sw.Elapsed.TotalMilliseconds);
            sw.Restart();
            ReformScorecard.Build(panel, ScorecardIndicator.SyntheticPanelOutcomes, ReformEstimators.Twfe("province"), "TWFE");
            twfe.Add(sw.Elapsed.TotalMilliseconds);
        }
        static double Median(List<double> x) { x.Sort(); return x[x.Count / 2]; }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"synthetic panel 16,200 rows x 16 outcomes: generate+ToPanel {Median(gen):F0} ms; CS scorecard (16 outcomes) {Median(cs):F0} ms; " +
            $"TWFE scorecard {Median(twfe):F0} ms; peak {BenchRegistry.PeakMemoryMiB():F0} MiB (median of {runs})"));
        return 0;
    }
}
