using System.Globalization;
using AllianceResearch.Payment;
using AllianceResearch.Payment.Methods;
using AllianceResearch.Payment.Model;

namespace AllianceResearch.Simulation;

/// <summary>
/// Knobs of the synthetic county alliance. Defaults: about 400,000 residents, a county hospital (lead), a TCM
/// hospital, 15 township centres with 5 village clinics each, and an out-of-county pseudo-member; the four
/// calibration targets come from document 002 (002_14a4fbf448a5212e.txt, pilot counties, 2020).
/// </summary>
public sealed record AllianceDesign
{
    /// <summary>Insured residents.</summary>
    public int Residents { get; init; } = 400_000;

    /// <summary>Township health centres.</summary>
    public int Townships { get; init; } = 15;

    /// <summary>Village clinics per township.</summary>
    public int VillagesPerTownship { get; init; } = 5;

    /// <summary>Target hospitalisation rate (admissions ÷ insured): 15.04 % (document 002, 2020).</summary>
    public decimal HospitalisationRate { get; init; } = 0.1504m;

    /// <summary>Target in-county share of admissions: 78.05 % (document 002, 2020).</summary>
    public decimal InCountyAdmissionShare { get; init; } = 0.7805m;

    /// <summary>Target actual reimbursement ratio of inpatient care (fund ÷ total cost): 61.18 % (document 002, 2020).</summary>
    public decimal ActualReimbursementRatio { get; init; } = 0.6118m;

    /// <summary>Target primary-care share of outpatient claims: 55.13 % (document 002, 2020).</summary>
    public decimal PrimaryCareOutpatientShare { get; init; } = 0.5513m;

    /// <summary>Outpatient-pooling claims per resident per year (illustrative; keeps the committed file small).</summary>
    public decimal OutpatientClaimsPerResident { get; init; } = 0.65m;

    /// <summary>Shares of in-county admissions: county hospital, TCM hospital, townships (illustrative).</summary>
    public (decimal County, decimal Tcm, decimal Township) InCountyAdmissionSplit { get; init; } = (0.62m, 0.14m, 0.24m);
}

/// <summary>A generated alliance, its claims and the calibration achieved.</summary>
/// <param name="Alliance">Members and population.</param>
/// <param name="Claims">One year of claims.</param>
/// <param name="Calibration">Target vs achieved rows.</param>
public sealed record GeneratedAlliance(Alliance Alliance, InMemoryClaims Claims, IReadOnlyList<CalibrationRow> Calibration);

/// <summary>One calibration target and what the synthetic data achieve.</summary>
/// <param name="Indicator">Indicator name.</param>
/// <param name="Target">Target value (fraction).</param>
/// <param name="Achieved">Achieved value (fraction).</param>
/// <param name="Source">Provenance of the target.</param>
public sealed record CalibrationRow(string Indicator, decimal Target, decimal Achieved, string Source);

/// <summary>
/// Generates a SYNTHETIC county alliance with one year of claims, seeded and reproducible byte for byte.
/// Counts are fixed by the targets (admissions = rate × residents, out-of-county admissions, primary-care
/// outpatient claims), patients are drawn with age/chronic risk, costs and stays are log-normal around group
/// means that differ by facility level, and the policy-scope share of cost is calibrated by bisection so the
/// default benefit rules reproduce the actual reimbursement ratio.
/// </summary>
public static class AllianceGenerator
{
    private static readonly string[] AgeBands = ["0-14", "15-44", "45-64", "65+"];
    private static readonly double[] AgeShare = [0.17, 0.36, 0.29, 0.18];
    private static readonly (int Lo, int Hi)[] AgeRange = [(0, 14), (15, 44), (45, 64), (65, 95)];
    private static readonly double[] ChronicPrevalence = [0.0, 0.03, 0.25, 0.45];
    private static readonly double[] AdmissionRisk = [0.6, 0.5, 1.0, 2.2];
    private static readonly double[] VisitRisk = [0.9, 0.6, 1.0, 1.6];

    /// <summary>Inpatient groups: code, mean cost at the county hospital, mean LOS, complexity tier (0 simple … 2 complex).</summary>
    internal static readonly (string Code, double Cost, double Los, int Tier)[] InpatientGroups = BuildGroups();

    private static (string, double, double, int)[] BuildGroups()
    {
        var list = new List<(string, double, double, int)>();
        // 40 acute groups with mean costs from about 1,100 to 26,400 and stays from 4 to 16 days.
        for (var i = 0; i < 40; i++)
        {
            var cost = 1100.0 * Math.Pow(24.0, i / 39.0);
            var los = 4.0 + 12.0 * i / 39.0;
            list.Add(($"G{i + 1:00}", Math.Round(cost, 0), Math.Round(los, 1), i < 16 ? 0 : i < 30 ? 1 : 2));
        }
        list.Add(("PSY", 12000.0, 70.0, 1)); // psychiatric long stays (per-diem territory)
        list.Add(("REH", 9000.0, 45.0, 1)); // rehabilitation
        return list.ToArray();
    }

    /// <summary>Generates the alliance for <paramref name="seed"/>.</summary>
    public static GeneratedAlliance Generate(ulong seed, AllianceDesign? design = null)
    {
        var d = design ?? new AllianceDesign();
        if (d.Residents < 1000) throw new ArgumentOutOfRangeException(nameof(design), d.Residents, "residents: at least 1,000.");
        if (d.Townships < 1 || d.VillagesPerTownship < 1) throw new ArgumentOutOfRangeException(nameof(design), "townships and villagesPerTownship must be at least 1.");
        var rng = new SeededRandom(seed);
        var n = d.Residents;

        // Residents: township (unequal sizes), village, age, sex, chronic condition, family-doctor contract.
        var townWeights = Enumerable.Range(0, d.Townships).Select(_ => 0.6 + rng.NextDouble()).ToArray();
        var townCum = Cumulative(townWeights);
        var town = new int[n]; var village = new int[n]; var age = new int[n]; var band = new byte[n];
        var female = new bool[n]; var chronic = new bool[n]; var contracted = new bool[n];
        var ageCum = Cumulative(AgeShare);
        for (var i = 0; i < n; i++)
        {
            town[i] = Pick(townCum, rng.NextDouble());
            village[i] = town[i] * d.VillagesPerTownship + rng.NextInt(d.VillagesPerTownship);
            var b = Pick(ageCum, rng.NextDouble());
            band[i] = (byte)b;
            age[i] = AgeRange[b].Lo + rng.NextInt(AgeRange[b].Hi - AgeRange[b].Lo + 1);
            female[i] = rng.NextDouble() < 0.49;
            chronic[i] = rng.NextDouble() < ChronicPrevalence[b];
            contracted[i] = rng.NextDouble() < (chronic[i] || b == 3 ? 0.75 : 0.30);
        }

        // Members.
        var members = new List<AllianceMember>
        {
            new() { Id = "CH", Name = "County People's Hospital (县人民医院)", Level = FacilityLevel.CountyHospital, IsLead = true, DipCoefficient = 1.00m, DrgCoefficient = 1.00m, Staff = 950 },
            new() { Id = "TCM", Name = "County TCM Hospital (县中医院)", Level = FacilityLevel.TcmHospital, DipCoefficient = 0.95m, DrgCoefficient = 0.95m, Staff = 380 },
        };
        var capWeights = new decimal[n];
        var townUnits = new decimal[d.Townships]; var townPeople = new int[d.Townships];
        for (var i = 0; i < n; i++)
        {
            var w = CapitationCalculator.DefaultAgeWeights[AgeBands[band[i]]] * (chronic[i] ? 1.6m : 1m);
            townUnits[town[i]] += w; townPeople[town[i]]++;
        }
        for (var t = 0; t < d.Townships; t++)
            members.Add(new() { Id = $"T{t + 1:00}", Name = $"Township Health Centre {t + 1} (乡镇卫生院)", Level = FacilityLevel.TownshipCentre, DipCoefficient = 0.75m, DrgCoefficient = 0.75m,
                Staff = 30 + townPeople[t] / 600, Catchment = townPeople[t], CatchmentRiskUnits = townUnits[t] });
        for (var v = 0; v < d.Townships * d.VillagesPerTownship; v++)
            members.Add(new() { Id = $"V{v + 1:000}", Name = $"Village Clinic {v + 1} (村卫生室)", Level = FacilityLevel.VillageClinic, Staff = 2 });
        members.Add(new() { Id = "OUT", Name = "Out-of-county hospitals (县外医疗机构)", Level = FacilityLevel.OutOfCounty, InCounty = false, DipCoefficient = 1.00m, DrgCoefficient = 1.00m });
        const int ch = 0, tcm = 1; var firstTown = 2; var firstVillage = firstTown + d.Townships; var outIdx = members.Count - 1;

        // Population cells.
        var cells = new Dictionary<(int, bool, bool), (int P, int C)>();
        for (var i = 0; i < n; i++)
        {
            var k = (band[i], female[i], chronic[i]);
            cells.TryGetValue(k, out var c);
            cells[k] = (c.P + 1, c.C + (contracted[i] ? 1 : 0));
        }
        var population = cells.OrderBy(kv => kv.Key.Item1).ThenBy(kv => kv.Key.Item2).ThenBy(kv => kv.Key.Item3)
            .Select(kv => new PopulationCell { AgeBand = AgeBands[kv.Key.Item1], Sex = kv.Key.Item2 ? "F" : "M", Chronic = kv.Key.Item3, Persons = kv.Value.P, Contracted = kv.Value.C }).ToArray();
        var alliance = new Alliance { Name = $"Synthetic county alliance (seed {seed.ToString(CultureInfo.InvariantCulture)})", Members = members, Population = population };

        var groups = new GroupTable();
        foreach (var g in InpatientGroups) groups.Intern(g.Code);
        var opGeneral = groups.Intern("OP-GEN"); var opChronic = groups.Intern("OP-CHR");

        // Patient sampling weights.
        var admCum = Cumulative(Enumerable.Range(0, n).Select(i => AdmissionRisk[band[i]] * (chronic[i] ? 1.8 : 1.0)).ToArray());
        var visCum = Cumulative(Enumerable.Range(0, n).Select(i => VisitRisk[band[i]] * (chronic[i] ? 2.5 : 1.0)).ToArray());

        var raw = new List<(Claim C, double ScopeShare)>();
        long id = 0;
        var admissions = (int)Math.Round(d.HospitalisationRate * n, MidpointRounding.AwayFromZero);
        var outside = (int)Math.Round((1m - d.InCountyAdmissionShare) * admissions, MidpointRounding.AwayFromZero);
        var inside = admissions - outside;
        var nCounty = (int)Math.Round(d.InCountyAdmissionSplit.County * inside, MidpointRounding.AwayFromZero);
        var nTcm = (int)Math.Round(d.InCountyAdmissionSplit.Tcm * inside, MidpointRounding.AwayFromZero);
        var nTown = inside - nCounty - nTcm;
        void Admit(int count, FacilityLevel level)
        {
            for (var k = 0; k < count; k++)
            {
                var p = Pick(admCum, rng.NextDouble());
                var member = level switch { FacilityLevel.CountyHospital => ch, FacilityLevel.TcmHospital => tcm, FacilityLevel.TownshipCentre => firstTown + town[p], _ => outIdx };
                var g = DrawGroup(rng, level, band[p]);
                var (costFactor, losFactor, scope, drug) = level switch
                {
                    FacilityLevel.TownshipCentre => (0.60, 0.85, 0.93, 0.42),
                    FacilityLevel.TcmHospital => (0.85, 1.10, 0.88, 0.38),
                    FacilityLevel.CountyHospital => (1.00, 1.00, 0.86, 0.30),
                    _ => (1.40, 1.05, 0.80, 0.27),
                };
                var spec = InpatientGroups[g];
                var heavy = rng.NextDouble() < 0.03 ? 2.0 + 3.0 * rng.NextDouble() : 1.0; // a few high-cost outliers
                var light = rng.NextDouble() < 0.03 ? 0.2 + 0.2 * rng.NextDouble() : 1.0; // and low-cost ones
                var cost = spec.Cost * costFactor * Math.Exp(rng.NextNormal(-0.06, 0.35)) * heavy * light;
                var los = Math.Max(1, (int)Math.Round(spec.Los * losFactor * Math.Exp(rng.NextNormal(-0.05, 0.3)) * Math.Sqrt(heavy * light)));
                var total = PaymentMath.Money((decimal)Math.Max(300.0, cost));
                var referred = level switch { FacilityLevel.CountyHospital or FacilityLevel.TcmHospital => rng.NextDouble() < 0.10, FacilityLevel.OutOfCounty => rng.NextDouble() < 0.45, _ => false };
                var drugCost = PaymentMath.Money(total * (decimal)Math.Clamp(drug * Math.Exp(rng.NextNormal(0, 0.2)), 0.05, 0.8));
                raw.Add((new Claim(++id, p + 1, member, age[p], female[p], ClaimType.Inpatient, g, los, total, 0m, drugCost, referred), scope * Math.Exp(rng.NextNormal(0, 0.04))));
            }
        }
        Admit(nCounty, FacilityLevel.CountyHospital);
        Admit(nTcm, FacilityLevel.TcmHospital);
        Admit(nTown, FacilityLevel.TownshipCentre);
        Admit(outside, FacilityLevel.OutOfCounty);

        var visits = (int)Math.Round(d.OutpatientClaimsPerResident * n, MidpointRounding.AwayFromZero);
        var primary = (int)Math.Round(d.PrimaryCareOutpatientShare * visits, MidpointRounding.AwayFromZero);
        var nVillage = (int)Math.Round(primary * 0.55, MidpointRounding.AwayFromZero);
        var nTownOp = primary - nVillage;
        var rest = visits - primary;
        var nChOp = (int)Math.Round(rest * 0.68, MidpointRounding.AwayFromZero);
        var nTcmOp = (int)Math.Round(rest * 0.22, MidpointRounding.AwayFromZero);
        var nOutOp = rest - nChOp - nTcmOp;
        void Visit(int count, FacilityLevel level)
        {
            for (var k = 0; k < count; k++)
            {
                var p = Pick(visCum, rng.NextDouble());
                var member = level switch
                {
                    FacilityLevel.VillageClinic => firstVillage + village[p], FacilityLevel.TownshipCentre => firstTown + town[p],
                    FacilityLevel.CountyHospital => ch, FacilityLevel.TcmHospital => tcm, _ => outIdx,
                };
                var (mean, scope, drug) = level switch
                {
                    FacilityLevel.VillageClinic => (45.0, 0.95, 0.60), FacilityLevel.TownshipCentre => (95.0, 0.92, 0.55),
                    FacilityLevel.TcmHospital => (210.0, 0.85, 0.50), FacilityLevel.CountyHospital => (260.0, 0.85, 0.45), _ => (520.0, 0.75, 0.40),
                };
                var g = chronic[p] && rng.NextDouble() < 0.6 ? opChronic : opGeneral;
                var total = PaymentMath.Money((decimal)Math.Max(5.0, mean * Math.Exp(rng.NextNormal(-0.12, 0.5)) * (g == opChronic ? 1.3 : 1.0)));
                var drugCost = PaymentMath.Money(total * (decimal)Math.Clamp(drug * Math.Exp(rng.NextNormal(0, 0.15)), 0.05, 0.9));
                raw.Add((new Claim(++id, p + 1, member, age[p], female[p], ClaimType.Outpatient, g, 0, total, 0m, drugCost, level == FacilityLevel.OutOfCounty && rng.NextDouble() < 0.3), scope * Math.Exp(rng.NextNormal(0, 0.04))));
            }
        }
        Visit(nVillage, FacilityLevel.VillageClinic);
        Visit(nTownOp, FacilityLevel.TownshipCentre);
        Visit(nChOp, FacilityLevel.CountyHospital);
        Visit(nTcmOp, FacilityLevel.TcmHospital);
        Visit(nOutOp, FacilityLevel.OutOfCounty);

        // Calibrate the policy-scope share: bisection on a common scale s so inpatient fund ÷ cost hits the target.
        var benefits = BenefitRules.Default;
        Claim WithScope(in Claim c, double share, double s) => c with { ReimbursableCost = Math.Min(c.TotalCost, PaymentMath.Money(c.TotalCost * (decimal)Math.Min(1.0, share * s))) };
        decimal Ratio(double s)
        {
            decimal f = 0m, t = 0m;
            foreach (var (c, share) in raw)
            {
                if (c.Type != ClaimType.Inpatient) continue;
                var cc = WithScope(c, share, s);
                f += benefits.Split(cc, members[cc.Member]).Fund;
                t += cc.TotalCost;
            }
            return f / t;
        }
        double lo = 0.5, hi = 1.3;
        for (var it = 0; it < 40; it++) { var mid = (lo + hi) / 2; if (Ratio(mid) < d.ActualReimbursementRatio) lo = mid; else hi = mid; }
        var scale = Math.Round((lo + hi) / 2, 6);
        var claims = raw.Select(r => WithScope(r.C, r.ScopeShare, scale)).ToArray();

        var source = new InMemoryClaims(alliance, groups, claims, $"synthetic alliance, seed {seed}");
        return new GeneratedAlliance(alliance, source, Calibrate(source, d));
    }

    /// <summary>Measures the four calibration indicators on <paramref name="claims"/> under the default benefit rules.</summary>
    public static IReadOnlyList<CalibrationRow> Calibrate(IClaimsSource claims, AllianceDesign? design = null)
    {
        var d = design ?? new AllianceDesign();
        var a = claims.Alliance;
        long adm = 0, admIn = 0, op = 0, opPrimary = 0; decimal fund = 0m, cost = 0m;
        foreach (var c in claims.Read())
        {
            var m = a.Members[c.Member];
            if (c.Type == ClaimType.Inpatient)
            {
                adm++; if (m.InCounty) admIn++;
                fund += BenefitRules.Default.Split(c, m).Fund; cost += c.TotalCost;
            }
            else { op++; if (m.IsPrimaryCare) opPrimary++; }
        }
        const string src = "002_14a4fbf448a5212e.txt (pilot counties, 2020)";
        return
        [
            new("Hospitalisation rate (住院率) = admissions ÷ insured", d.HospitalisationRate, (decimal)adm / Math.Max(1, a.Insured), src),
            new("In-county share of admissions (县域内住院人次占比)", d.InCountyAdmissionShare, (decimal)admIn / Math.Max(1, adm), src),
            new("Actual reimbursement ratio, inpatient (实际报销比例)", d.ActualReimbursementRatio, cost == 0m ? 0m : fund / cost, src),
            new("Primary-care share of outpatient claims (基层门急诊占比)", d.PrimaryCareOutpatientShare, (decimal)opPrimary / Math.Max(1, op), src),
        ];
    }

    /// <summary>Writes the calibration table as CSV (indicator, target, achieved, source).</summary>
    public static string CalibrationCsv(IReadOnlyList<CalibrationRow> rows)
    {
        var ci = CultureInfo.InvariantCulture;
        return "indicator,target,achieved,source\n" + string.Concat(rows.Select(r =>
            $"\"{r.Indicator}\",{r.Target.ToString("0.0000", ci)},{Math.Round(r.Achieved, 4, MidpointRounding.AwayFromZero).ToString("0.0000", ci)},\"{r.Source}\"\n"));
    }

    /// <summary>Writes alliance.json, claims.csv and calibration.csv into <paramref name="directory"/> (each atomically).</summary>
    public static GeneratedAlliance WriteTo(string directory, ulong seed, AllianceDesign? design = null)
    {
        var g = Generate(seed, design);
        Directory.CreateDirectory(directory);
        AllianceJson.Save(Path.Combine(directory, "alliance.json"), g.Alliance);
        ClaimsCsv.Write(Path.Combine(directory, "claims.csv"), g.Claims);
        var cal = Path.Combine(directory, "calibration.csv");
        File.WriteAllText(cal + ".tmp", CalibrationCsv(g.Calibration), new System.Text.UTF8Encoding(false));
        File.Move(cal + ".tmp", cal, true);
        return g;
    }

    private static int DrawGroup(SeededRandom rng, FacilityLevel level, byte ageBand)
    {
        // Township centres treat simple groups; out-of-county care skews complex; long-stay groups mostly in county.
        var u = rng.NextDouble();
        int tierLo, tierHi;
        switch (level)
        {
            case FacilityLevel.TownshipCentre: tierLo = 0; tierHi = 15; break;
            case FacilityLevel.OutOfCounty: tierLo = u < 0.3 ? 20 : 5; tierHi = 39; break;
            default:
                if (rng.NextDouble() < 0.02) return 40 + rng.NextInt(2);
                tierLo = 0; tierHi = u < 0.75 ? 29 : 39; break;
        }
        // Older patients skew to heavier groups.
        var x = rng.NextDouble();
        if (ageBand == 3) x = Math.Sqrt(x);
        return tierLo + (int)(x * (tierHi - tierLo + 1)) switch { var k when k > tierHi - tierLo => tierHi - tierLo, var k => k };
    }

    private static double[] Cumulative(IReadOnlyList<double> w)
    {
        var c = new double[w.Count];
        var s = 0.0;
        for (var i = 0; i < w.Count; i++) { s += w[i]; c[i] = s; }
        for (var i = 0; i < c.Length; i++) c[i] /= s;
        c[^1] = 1.0;
        return c;
    }

    private static int Pick(double[] cum, double u)
    {
        var i = Array.BinarySearch(cum, u);
        if (i < 0) i = ~i;
        return Math.Min(i, cum.Length - 1);
    }
}
