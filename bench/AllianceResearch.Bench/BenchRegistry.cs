using System.Diagnostics;

namespace AllianceResearch.Bench;

/// <summary>Maps benchmark names to their entry points; each benchmark area adds itself here.</summary>
public static class BenchRegistry
{
    /// <summary>Every benchmark, by name: a description and an entry point taking the remaining arguments.</summary>
    public static readonly SortedDictionary<string, (string Description, Func<string[], int> Run)> Benchmarks = new(StringComparer.Ordinal)
    {
        ["payment-settle"] = ("DRG and DIP settlement of claims streamed from CSV: payment-settle [CLAIMS=10^7] [FILE]", PaymentBench.Settle),
        ["scorecard"] = ("synthetic county panel + CS and TWFE seven-dimension scorecards: scorecard [RUNS]", EvidenceBench.Scorecard),
        ["twfe"] = ("TWFE y ~ d + x1 + x2 | id + t, clustered SE, data in memory: twfe ROWS [RUNS]", TwfeBench.Estimation),
        ["twfe-csv"] = ("TWFE whole process from CSV: twfe-csv FILE", TwfeBench.FromCsv),
        ["twfe-write"] = ("write the TWFE anchor panel as CSV: twfe-write ROWS FILE", TwfeBench.Write),
    };

    /// <summary>Runs the benchmark named by the first argument, or lists them.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 0 || !Benchmarks.TryGetValue(args[0], out var bench))
        {
            Console.WriteLine("usage: dotnet run -c Release --project bench/AllianceResearch.Bench -- NAME [options]");
            foreach (var (name, (description, _)) in Benchmarks) Console.WriteLine($"  {name,-20} {description}");
            return args.Length == 0 ? 0 : 2;
        }
        return bench.Run(args[1..]);
    }

    /// <summary>Peak working set of this process so far, in MiB (Linux: VmHWM).</summary>
    public static double PeakMemoryMiB()
    {
        const string status = "/proc/self/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                {
                    var kb = long.Parse(line[6..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
                    return kb / 1024.0;
                }
            }
        }
        return Process.GetCurrentProcess().PeakWorkingSet64 / (1024.0 * 1024.0);
    }
}
