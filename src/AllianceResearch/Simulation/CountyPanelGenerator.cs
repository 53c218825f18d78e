using System.Globalization;
using System.Text;
using AllianceResearch.Data;
using AllianceResearch.Indicators;

namespace AllianceResearch.Simulation;

/// <summary>Knobs of the synthetic county panel; the defaults produce the committed snapshot.</summary>
/// <param name="Seed">Seed of the generator; the whole panel is a function of the seed and the knobs.</param>
/// <param name="TrendViolation">
/// Differential trend of ever-treated counties, in noise standard deviations per year, in each
/// outcome's improving direction. 0 keeps parallel trends; a positive value breaks them (for teaching:
/// reforms chosen where things were already getting better).
/// </param>
/// <param name="EffectScale">Multiplies every true effect (0 gives a placebo panel with no effects).</param>
/// <param name="NoiseScale">Multiplies the county-year noise and province-year shocks.</param>
public sealed record CountyPanelOptions(ulong Seed = CountyPanelOptions.DefaultSeed, double TrendViolation = 0.0,
    double EffectScale = 1.0, double NoiseScale = 1.0)
{
    /// <summary>The seed of the committed snapshot (754, the number of 2019 pilot counties).</summary>
    public const ulong DefaultSeed = 754;

    /// <summary>Throws a clear message if a knob cannot be honoured.</summary>
    public void Validate()
    {
        if (!double.IsFinite(TrendViolation))
            throw new ArgumentOutOfRangeException(nameof(TrendViolation), TrendViolation, "TrendViolation must be a finite number.");
        if (!double.IsFinite(EffectScale) || EffectScale < 0)
            throw new ArgumentOutOfRangeException(nameof(EffectScale), EffectScale, "EffectScale must be finite and ≥ 0.");
        if (!double.IsFinite(NoiseScale) || NoiseScale <= 0)
            throw new ArgumentOutOfRangeException(nameof(NoiseScale), NoiseScale, "NoiseScale must be finite and > 0.");
    }
}

/// <summary>The true average effect of one cohort in one year on one outcome (known because we simulated it).</summary>
/// <param name="Outcome">Outcome column.</param>
/// <param name="Cohort">Adoption year of the cohort.</param>
/// <param name="Year">Calendar year.</param>
/// <param name="EventTime">Year minus cohort (0 = adoption year).</param>
/// <param name="Counties">Counties in the cohort.</param>
/// <param name="TrueAtt">Sample mean of Y(1) − Y(0) over the cohort, both as written to the CSV (after rounding).</param>
/// <param name="DesignEffect">Effect the design specifies for a county of average heterogeneity (before county variation).</param>
public sealed record PanelTruthRow(string Outcome, int Cohort, int Year, int EventTime, int Counties, double TrueAtt, double DesignEffect);

/// <summary>
/// A SYNTHETIC county panel (1,800 counties × 2015–2023) with staggered adoption of tight-alliance
/// payment reform and known true effects. Not real data: levels of the 2019 pilot cohort are
/// calibrated to document 002; everything else is simulated.
/// </summary>
public sealed class SyntheticCountyPanel
{
    internal SyntheticCountyPanel(CountyPanelOptions options, int[] countyId, string[] province, int[] year, int[] cohort,
        double[] population, double[] gdp, double[] elderly, double[] beds,
        IReadOnlyDictionary<string, double[]> outcomes, IReadOnlyList<PanelTruthRow> truth)
    {
        Options = options;
        CountyId = countyId;
        Province = province;
        Year = year;
        Cohort = cohort;
        PopulationThousands = population;
        GdpPerCapita = gdp;
        ElderlyShare = elderly;
        BedsPer1000 = beds;
        Outcomes = outcomes;
        Truth = truth;
    }

    /// <summary>The options that produced the panel.</summary>
    public CountyPanelOptions Options { get; }

    /// <summary>County id per row (rows ordered by county, then year).</summary>
    public IReadOnlyList<int> CountyId { get; }

    /// <summary>Province (pinyin) per row.</summary>
    public IReadOnlyList<string> Province { get; }

    /// <summary>Calendar year per row.</summary>
    public IReadOnlyList<int> Year { get; }

    /// <summary>First treated year per row; 0 = never treated.</summary>
    public IReadOnlyList<int> Cohort { get; }

    /// <summary>Resident population, thousands.</summary>
    public IReadOnlyList<double> PopulationThousands { get; }

    /// <summary>GDP per capita, CNY.</summary>
    public IReadOnlyList<double> GdpPerCapita { get; }

    /// <summary>Share of the population aged 65 and over, %.</summary>
    public IReadOnlyList<double> ElderlyShare { get; }

    /// <summary>Hospital beds per 1,000 residents.</summary>
    public IReadOnlyList<double> BedsPer1000 { get; }

    /// <summary>Outcome values by column name, as written to the CSV.</summary>
    public IReadOnlyDictionary<string, double[]> Outcomes { get; }

    /// <summary>True effects per outcome, cohort and post-adoption year.</summary>
    public IReadOnlyList<PanelTruthRow> Truth { get; }

    /// <summary>Number of rows (county-years).</summary>
    public int RowCount => Year.Count;

    /// <summary>Whether the row is treated (year ≥ cohort, cohort ≠ 0).</summary>
    public bool IsTreated(int row) => Cohort[row] != 0 && Year[row] >= Cohort[row];

    /// <summary>
    /// True overall ATT of an outcome: the mean of Y(1) − Y(0) over all treated county-years (the
    /// target of a "simple" aggregation of group-time effects).
    /// </summary>
    public double TrueOverallAtt(string outcome)
    {
        CountyPanelOutcomes.ByColumn(outcome);
        double sum = 0;
        long n = 0;
        foreach (var t in Truth)
        {
            if (t.Outcome != outcome) continue;
            sum += t.TrueAtt * t.Counties;
            n += t.Counties;
        }
        return sum / n;
    }

    /// <summary>
    /// The spec that reads the panel (or its CSV, with <c>Panel.FromCsv(path, SyntheticCountyPanel.PanelSpec)</c>):
    /// unit county_id, time year, cohort column, treated indicator, province as a factor, every covariate and outcome numeric.
    /// </summary>
    public static PanelSpec PanelSpec { get; } = new("county_id", "year")
    {
        Cohort = "cohort",
        Treatment = "treated",
        Factors = ["province"],
        Numeric = ["population_k", "gdp_per_capita", "elderly_share", "beds_per_1000", .. CountyPanelOutcomes.All.Select(o => o.Column)],
        Missing = MissingValuePolicy.Error,
        Comparison = ComparisonRequirement.NeverTreated,
    };

    /// <summary>The panel as the library's validated <see cref="Panel"/>, ready for the DiD estimators.</summary>
    public Panel ToPanel()
    {
        var columns = new Dictionary<string, Array>(StringComparer.Ordinal)
        {
            ["county_id"] = CountyId.ToArray(),
            ["year"] = Year.ToArray(),
            ["cohort"] = Cohort.ToArray(),
            ["treated"] = Enumerable.Range(0, RowCount).Select(r => IsTreated(r) ? 1 : 0).ToArray(),
            ["province"] = Province.ToArray(),
            ["population_k"] = PopulationThousands.ToArray(),
            ["gdp_per_capita"] = GdpPerCapita.ToArray(),
            ["elderly_share"] = ElderlyShare.ToArray(),
            ["beds_per_1000"] = BedsPer1000.ToArray(),
        };
        foreach (var o in CountyPanelOutcomes.All) columns[o.Column] = Outcomes[o.Column];
        return Panel.FromColumns(PanelSpec, columns, $"SYNTHETIC county panel (seed {Options.Seed})");
    }

    /// <summary>The CSV header, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "county_id", "province", "year", "cohort", "treated",
        "population_k", "gdp_per_capita", "elderly_share", "beds_per_1000",
        .. CountyPanelOutcomes.All.Select(o => o.Column), "synthetic",
    ];

    /// <summary>The panel as CSV text: invariant culture, fixed decimals, "\n" line ends.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder(RowCount * 160);
        sb.Append(string.Join(',', Columns)).Append('\n');
        var inv = CultureInfo.InvariantCulture;
        for (var r = 0; r < RowCount; r++)
        {
            sb.Append(CountyId[r].ToString(inv)).Append(',')
              .Append(Province[r]).Append(',')
              .Append(Year[r].ToString(inv)).Append(',')
              .Append(Cohort[r].ToString(inv)).Append(',')
              .Append(IsTreated(r) ? '1' : '0').Append(',')
              .Append(Fixed(PopulationThousands[r], 1)).Append(',')
              .Append(Fixed(GdpPerCapita[r], 0)).Append(',')
              .Append(Fixed(ElderlyShare[r], 2)).Append(',')
              .Append(Fixed(BedsPer1000[r], 2));
            foreach (var o in CountyPanelOutcomes.All)
            {
                sb.Append(',').Append(Fixed(Outcomes[o.Column][r], o.Decimals));
            }
            sb.Append(",1\n");
        }
        return sb.ToString();
    }

    /// <summary>The true effects as CSV text.</summary>
    public string TruthToCsv()
    {
        var sb = new StringBuilder();
        sb.Append("outcome,indicator_id,dimension,cohort,year,event_time,counties,true_att,design_effect,synthetic\n");
        foreach (var t in Truth)
        {
            var spec = CountyPanelOutcomes.ByColumn(t.Outcome);
            sb.Append(t.Outcome).Append(',').Append(spec.IndicatorId).Append(',').Append(spec.Dimension).Append(',')
              .Append(t.Cohort.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.Year.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.EventTime.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(t.Counties.ToString(CultureInfo.InvariantCulture)).Append(',')
              .Append(Fixed(t.TrueAtt, 4)).Append(',').Append(Fixed(t.DesignEffect, 4)).Append(",1\n");
        }
        return sb.ToString();
    }

    /// <summary>Writes the panel CSV atomically (temporary file, then move).</summary>
    public void WriteCsv(string path) => AtomicFile.WriteAllText(path, ToCsv());

    /// <summary>Writes the truth CSV atomically.</summary>
    public void WriteTruthCsv(string path) => AtomicFile.WriteAllText(path, TruthToCsv());

    internal static string Fixed(double value, int decimals)
    {
        var rounded = Math.Round(value, decimals, MidpointRounding.AwayFromZero);
        if (rounded == 0) rounded = 0; // never write "-0.00"
        return rounded.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
    }

    /// <inheritdoc />
    public override string ToString() =>
        $"SYNTHETIC county panel: {RowCount / CountyPanelDesign.YearCount} counties × {CountyPanelDesign.YearCount} years " +
        $"({CountyPanelDesign.FirstYear}–{CountyPanelDesign.LastYear}), {CountyPanelOutcomes.All.Count} outcomes, seed {Options.Seed}, " +
        $"trend violation {Options.TrendViolation.ToString(CultureInfo.InvariantCulture)}";
}

/// <summary>Writes text files atomically so a reader never sees half a file.</summary>
internal static class AtomicFile
{
    public static void WriteAllText(string path, string text)
    {
        var full = Path.GetFullPath(path);
        var dir = Path.GetDirectoryName(full)!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(full) + "." + Guid.NewGuid().ToString("N") + ".tmp");
        File.WriteAllText(tmp, text, new UTF8Encoding(false));
        File.Move(tmp, full, overwrite: true);
    }
}

/// <summary>
/// Generates the SYNTHETIC calibrated county panel. Model per outcome k, county i, year t:
/// Y0 = county level + province level + secular slope·(t−2015) + common 2020 shock (decaying) +
/// covariate effects + province-year shock + noise [+ differential trend when parallel trends are
/// violated on purpose]; Y1 = Y0 + effect·cohort multiplier·county multiplier·exposure share; the
/// observed value is Y1 for treated county-years, Y0 otherwise. Levels are shifted so the 2019 pilot
/// cohort's mean matches document 002 in 2019 (and the common 2020 shock so its 2019→2020 change
/// matches too, where both are stated); shifts are common to all counties, so they leave effects intact.
/// Calibration assumes the default effects (EffectScale 1), so changing EffectScale changes only Y(1).
/// </summary>
public static class CountyPanelGenerator
{
    private static readonly double[] GdpGrowth = [0.0, 0.07, 0.07, 0.065, 0.06, 0.02, 0.08, 0.03, 0.05];

    /// <summary>Generates the panel for <paramref name="options"/> (default: the committed snapshot).</summary>
    public static SyntheticCountyPanel Generate(CountyPanelOptions? options = null)
    {
        options ??= new CountyPanelOptions();
        options.Validate();
        var rng = new SeededRandom(options.Seed);
        var provinces = CountyPanelDesign.Provinces;
        var nCounties = CountyPanelDesign.CountyCount;
        var nYears = CountyPanelDesign.YearCount;
        var nRows = nCounties * nYears;

        // Cohort assignment: whole provinces for the early wave and for Shanxi/Zhejiang; the mixed
        // provinces' counties are shuffled into the 567 other pilots, later waves and never-adopters.
        var countyProvince = new int[nCounties];
        var countyCohort = new int[nCounties];
        var mixed = new List<int>();
        var c = 0;
        for (var p = 0; p < provinces.Count; p++)
        {
            for (var k = 0; k < provinces[p].Counties; k++, c++)
            {
                countyProvince[c] = p;
                countyCohort[c] = provinces[p].Adoption switch
                {
                    ProvinceAdoption.EarlyWave => CountyPanelDesign.EarlyCohort,
                    ProvinceAdoption.NationalPilot => CountyPanelDesign.PilotCohort,
                    _ => -1,
                };
                if (countyCohort[c] == -1) mixed.Add(c);
            }
        }
        var shuffled = mixed.ToArray();
        rng.Shuffle(shuffled);
        for (var j = 0; j < shuffled.Length; j++)
        {
            countyCohort[shuffled[j]] =
                j < CountyPanelDesign.OtherProvincePilots ? CountyPanelDesign.PilotCohort
                : j < CountyPanelDesign.OtherProvincePilots + CountyPanelDesign.Wave2021 ? 2021
                : j < CountyPanelDesign.OtherProvincePilots + CountyPanelDesign.Wave2021 + CountyPanelDesign.Wave2022 ? 2022
                : 0;
        }

        // County-level draws.
        var pop0 = new double[nCounties];
        var lnGdp0 = new double[nCounties];
        var eld0 = new double[nCounties];
        var beds0 = new double[nCounties];
        var hetero = new double[nCounties];
        for (var i = 0; i < nCounties; i++)
        {
            pop0[i] = Math.Clamp(PortableMath.Exp(PortableMath.Log(400.0) + 0.5 * rng.NextNormal()), 30.0, 2500.0);
            lnGdp0[i] = PortableMath.Log(provinces[countyProvince[i]].GdpPerCapita2015) + 0.3 * rng.NextNormal();
            eld0[i] = Math.Clamp(rng.NextNormal(11.0, 2.0), 5.0, 22.0);
            beds0[i] = Math.Clamp(rng.NextNormal(4.5, 1.0), 1.5, 9.0);
            hetero[i] = Math.Max(0.0, 1.0 + 0.25 * rng.NextNormal());
        }

        // County-year covariates.
        var countyId = new int[nRows];
        var provinceName = new string[nRows];
        var year = new int[nRows];
        var cohort = new int[nRows];
        var pop = new double[nRows];
        var gdp = new double[nRows];
        var lnGdp = new double[nRows];
        var eld = new double[nRows];
        var beds = new double[nRows];
        for (var i = 0; i < nCounties; i++)
        {
            var cumGrowth = 0.0;
            for (var t = 0; t < nYears; t++)
            {
                var r = i * nYears + t;
                cumGrowth += GdpGrowth[t];
                countyId[r] = i + 1;
                provinceName[r] = provinces[countyProvince[i]].Name;
                year[r] = CountyPanelDesign.FirstYear + t;
                cohort[r] = countyCohort[i];
                pop[r] = Round(pop0[i] * PortableMath.Exp(-0.004 * t + 0.003 * rng.NextNormal()), 1);
                lnGdp[r] = lnGdp0[i] + cumGrowth + 0.02 * rng.NextNormal();
                gdp[r] = Round(PortableMath.Exp(lnGdp[r]), 0);
                eld[r] = Round(eld0[i] + 0.45 * t + 0.1 * rng.NextNormal(), 2);
                beds[r] = Round(beds0[i] + 0.2 * t + 0.08 * rng.NextNormal(), 2);
            }
        }

        var outcomes = new Dictionary<string, double[]>();
        var truth = new List<PanelTruthRow>();
        foreach (var spec in CountyPanelOutcomes.All)
        {
            var (observed, spec_truth) = GenerateOutcome(spec, options, rng, countyProvince, countyCohort, hetero,
                lnGdp, eld, provinces.Count, nCounties, nYears);
            outcomes[spec.Column] = observed;
            truth.AddRange(spec_truth);
        }

        return new SyntheticCountyPanel(options, countyId, provinceName, year, cohort, pop, gdp, eld, beds, outcomes, truth);
    }

    private static (double[] Observed, List<PanelTruthRow> Truth) GenerateOutcome(PanelOutcomeSpec spec, CountyPanelOptions options,
        SeededRandom rng, int[] countyProvince, int[] countyCohort, double[] hetero, double[] lnGdp, double[] eld,
        int nProvinces, int nCounties, int nYears)
    {
        var sign = spec.Direction == ImprovementDirection.LowerIsBetter ? -1.0 : 1.0;
        var provLevel = new double[nProvinces];
        for (var p = 0; p < nProvinces; p++) provLevel[p] = spec.ProvinceSd * rng.NextNormal();
        var provYear = new double[nProvinces * nYears];
        for (var j = 0; j < provYear.Length; j++) provYear[j] = options.NoiseScale * spec.ProvinceYearSd * rng.NextNormal();

        var y0 = new double[nCounties * nYears];
        var effect = new double[nCounties * nYears];
        var lnRef = PortableMath.Log(35000.0);
        for (var i = 0; i < nCounties; i++)
        {
            var g = countyCohort[i];
            // Selection on levels: earlier adopters start a little better off (TWFE absorbs it).
            var selection = g switch { 2017 => 0.3, 2019 => 0.2, 2021 => 0.0, 2022 => -0.1, _ => -0.2 };
            var level = spec.CountySd * (rng.NextNormal() + selection * sign) + provLevel[countyProvince[i]];
            for (var t = 0; t < nYears; t++)
            {
                var r = i * nYears + t;
                var calendar = CountyPanelDesign.FirstYear + t;
                var violation = g != 0 ? options.TrendViolation * spec.NoiseSd * sign * t : 0.0;
                y0[r] = level + spec.SecularSlope * t
                        + spec.BetaLogGdp * (lnGdp[r] - lnRef) + spec.BetaElderly * (eld[r] - 12.0)
                        + provYear[countyProvince[i] * nYears + t]
                        + options.NoiseScale * spec.NoiseSd * rng.NextNormal()
                        + violation;
                if (g != 0 && calendar >= g)
                {
                    effect[r] = spec.FullEffect * CountyPanelDesign.CohortEffectMultiplier(g)
                                * hetero[i] * CountyPanelDesign.ExposureShare(calendar - g);
                }
            }
        }

        // Calibration to the 2019 pilot cohort (document 002). It uses the effects at scale 1 whatever
        // EffectScale is, so a placebo run (EffectScale = 0) shares Y(0) with the default panel exactly.
        var t2019 = CountyPanelDesign.PilotCohort - CountyPanelDesign.FirstYear;
        double PilotMean(int t)
        {
            double s = 0;
            var n = 0;
            for (var i = 0; i < nCounties; i++)
            {
                if (countyCohort[i] != CountyPanelDesign.PilotCohort) continue;
                var r = i * nYears + t;
                s += y0[r] + effect[r];
                n++;
            }
            return s / n;
        }
        var shock = spec.Shock2020;
        if (spec.Target2019 is { } a && spec.Target2020 is { } b)
        {
            shock = (b - a) - (PilotMean(t2019 + 1) - PilotMean(t2019));
        }
        for (var i = 0; i < nCounties; i++)
        {
            var factor = 1.0;
            for (var t = t2019 + 1; t < nYears; t++, factor *= spec.ShockPersistence)
            {
                y0[i * nYears + t] += shock * factor;
            }
        }
        var shift = spec.Target2019 is { } l2019 ? l2019 - PilotMean(t2019)
                  : spec.Target2020 is { } l2020 ? l2020 - PilotMean(t2019 + 1)
                  : spec.IllustrativeLevel - PilotMean(t2019);

        var observed = new double[y0.Length];
        var gain = new double[y0.Length];
        for (var r = 0; r < y0.Length; r++)
        {
            effect[r] *= options.EffectScale;
            var untreated = Round(Math.Clamp(y0[r] + shift, spec.Lower, spec.Upper), spec.Decimals);
            var treated = Round(Math.Clamp(y0[r] + shift + effect[r], spec.Lower, spec.Upper), spec.Decimals);
            observed[r] = treated; // equals untreated wherever the effect is zero
            gain[r] = treated - untreated;
        }

        var truthRows = new List<PanelTruthRow>();
        foreach (var g in CountyPanelDesign.Cohorts)
        {
            if (g == 0) continue;
            var members = Enumerable.Range(0, nCounties).Where(i => countyCohort[i] == g).ToArray();
            for (var calendar = g; calendar <= CountyPanelDesign.LastYear; calendar++)
            {
                var t = calendar - CountyPanelDesign.FirstYear;
                double s = 0;
                foreach (var i in members) s += gain[i * nYears + t];
                var design = options.EffectScale * spec.FullEffect * CountyPanelDesign.CohortEffectMultiplier(g)
                             * CountyPanelDesign.ExposureShare(calendar - g);
                truthRows.Add(new PanelTruthRow(spec.Column, g, calendar, calendar - g, members.Length, s / members.Length, design));
            }
        }
        return (observed, truthRows);
    }

    private static double Round(double value, int decimals) => Math.Round(value, decimals, MidpointRounding.AwayFromZero);
}
