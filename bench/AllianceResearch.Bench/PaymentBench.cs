using System.Diagnostics;
using System.Globalization;
using System.Text;
using AllianceResearch.Payment.Methods;
using AllianceResearch.Payment.Model;
using AllianceResearch.Simulation;

namespace AllianceResearch.Bench;

/// <summary>DRG and DIP settlement of claims streamed from CSV: throughput and peak memory.</summary>
public static class PaymentBench
{
    /// <summary>payment-settle [CLAIMS] [FILE]: writes CLAIMS synthetic claims to FILE (default 10^7, /tmp) if absent, then settles DRG and DIP.</summary>
    public static int Settle(string[] args)
    {
        var n = args.Length > 0 ? long.Parse(args[0], CultureInfo.InvariantCulture) : 10_000_000L;
        var path = args.Length > 1 ? args[1] : Path.Combine(Path.GetTempPath(), $"alliance-claims-{n}.csv");
        var alliance = AllianceGenerator.Generate(2020, new AllianceDesign { Residents = 2000, Townships = 15, VillagesPerTownship = 5 }).Alliance;
        if (!File.Exists(path))
        {
            var sw0 = Stopwatch.StartNew();
            Write(path, alliance, n);
            Console.WriteLine($"wrote {n:N0} claims to {path} ({new FileInfo(path).Length / 1048576.0:F0} MiB) in {sw0.Elapsed.TotalSeconds:F1} s");
        }
        var size = new FileInfo(path).Length / 1048576.0;
        var context = new PaymentContext();
        foreach (IPaymentMethod method in new IPaymentMethod[] { new DrgMethod(), new DipMethod() })
        {
            var source = new ClaimsCsv(path, alliance);
            var sw = Stopwatch.StartNew();
            var r = method.Run(source, context);
            sw.Stop();
            var passes = method is DrgMethod ? 4 : 3;
            Console.WriteLine($"{method.Name}: {r.Claims:N0} claims ({size:F0} MiB CSV, {passes} streamed passes) in {sw.Elapsed.TotalSeconds:F1} s = {r.Claims / sw.Elapsed.TotalSeconds:N0} claims/s settled " +
                              $"({r.Claims * passes / sw.Elapsed.TotalSeconds:N0} rows/s parsed); groups {source.Groups.Count}; fund outlay {r.FundOutlay:N2}; peak memory {BenchRegistry.PeakMemoryMiB():F0} MiB");
        }
        return 0;
    }

    private static void Write(string path, Alliance alliance, long n)
    {
        var rng = new SeededRandom(99);
        var inCounty = alliance.Members.Select(m => m.InCounty ? "1" : "0").ToArray();
        var ids = alliance.Members.Select(m => m.Id).ToArray();
        var groups = Enumerable.Range(1, 40).Select(i => $"G{i:00}").ToArray();
        var inpatientMembers = alliance.Members.Select((m, i) => (m, i)).Where(t => t.m.Level != FacilityLevel.VillageClinic).Select(t => t.i).ToArray();
        var tmp = path + ".tmp";
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" })
        {
            w.Write(string.Join(",", ClaimsCsv.Columns)); w.Write('\n');
            for (long k = 1; k <= n; k++)
            {
                var inpatient = rng.NextDouble() < 0.3;
                var member = inpatient ? inpatientMembers[rng.NextInt(inpatientMembers.Length)] : rng.NextInt(ids.Length);
                var g = rng.NextInt(40);
                var cost = inpatient ? 1100.0 * Math.Pow(24.0, g / 39.0) * Math.Exp(rng.NextNormal(0, 0.4)) : 120.0 * Math.Exp(rng.NextNormal(0, 0.6));
                var total = Math.Round((decimal)cost, 2);
                var c = new Claim(k, 1 + rng.NextInt(400_000), member, 1 + rng.NextInt(90), rng.NextDouble() < 0.5, inpatient ? ClaimType.Inpatient : ClaimType.Outpatient,
                    g, inpatient ? 1 + rng.NextInt(20) : 0, total, Math.Round(total * 0.85m, 2), Math.Round(total * 0.3m, 2), rng.NextDouble() < 0.1);
                ClaimsCsv.WriteRow(w, c, ids[member], inpatient ? groups[g] : "OP-GEN", inCounty[member]);
            }
        }
        File.Move(tmp, path, true);
    }
}
