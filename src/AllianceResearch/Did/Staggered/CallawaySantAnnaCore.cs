namespace AllianceResearch.Did.Staggered;

/// <summary>
/// Group-time ATT(g,t) before inference: estimates, per-unit influence functions and the unit bookkeeping the
/// aggregations need. Pure data; built by <see cref="CallawaySantAnnaCore.Estimate"/>.
/// </summary>
/// <param name="Groups">Cohort of each ATT(g,t) cell.</param>
/// <param name="Times">Period of each cell.</param>
/// <param name="BaseTimes">Base period each cell compares with (NaN for a normalised universal base cell).</param>
/// <param name="Att">Estimates.</param>
/// <param name="Influence">Influence function of each cell, one value per kept unit (zero outside G ∪ C).</param>
/// <param name="UnitCohort">Cohort of each kept unit (0 = never treated).</param>
/// <param name="UnitWeights">Normalised (mean-one) sampling weight of each kept unit.</param>
/// <param name="Cluster">Cluster code of each kept unit, or null (unit clusters).</param>
/// <param name="GroupList">Distinct treated cohorts, increasing.</param>
/// <param name="Notes">What preprocessing did (dropped always-treated units, recoded late cohorts).</param>
internal sealed record GroupTimeCore(
    double[] Groups, double[] Times, double[] BaseTimes, double[] Att, double[][] Influence,
    double[] UnitCohort, double[] UnitWeights, int[]? Cluster, double[] GroupList, IReadOnlyList<string> Notes)
{
    /// <summary>Cohort code of each unit: 0 = never treated, c = index of its cohort in <see cref="GroupList"/> + 1.</summary>
    public int[] UnitCohortCode { get; } = CohortCodes(UnitCohort, GroupList);

    private static int[] CohortCodes(double[] cohort, double[] glist)
    {
        var codes = new int[cohort.Length];
        for (int i = 0; i < codes.Length; i++) codes[i] = cohort[i] == 0 ? 0 : Array.BinarySearch(glist, cohort[i]) + 1;
        return codes;
    }

    /// <summary>Number of kept units.</summary>
    public int N => UnitCohort.Length;
}

/// <summary>
/// Callaway &amp; Sant'Anna (2021) group-time average treatment effects, computed as R <c>did</c> 2.3 does
/// (<c>compute.att_gt</c> with DRDID's panel estimators) but as array arithmetic: without covariates each ATT(g,t) is
/// a difference of mean changes between cohort g and its comparison units, and its influence function is a per-unit
/// vector of centred changes scaled by n over the group's size.
/// </summary>
internal static class CallawaySantAnnaCore
{
    /// <summary>Estimates every ATT(g,t) with its influence function.</summary>
    public static GroupTimeCore Estimate(StaggeredData data, ComparisonGroup comparison, BasePeriod basePeriod,
        int anticipation, CovariateMethod method)
    {
        if (anticipation < 0) throw new ArgumentOutOfRangeException(nameof(anticipation), anticipation, "Anticipation must be zero or positive.");
        var periods = data.Periods;
        int T = periods.Length;
        var notes = new List<string>();

        // Preprocessing as did does it: units treated in the first period have no pre-period and are dropped;
        // cohorts after the last period are never treated within the sample.
        var keep = new List<int>(data.UnitCount);
        var cohort = new List<double>(data.UnitCount);
        int droppedAlways = 0, recodedLate = 0;
        for (int i = 0; i < data.UnitCount; i++)
        {
            double g = data.Cohort[i];
            if (double.IsNaN(g) || g < 0) throw new ArgumentException($"Unit {Label(data, i)} has cohort {g}; use 0 for never treated and the first treated period otherwise.");
            if (g > 0 && g <= periods[0] + anticipation) { droppedAlways++; continue; }
            if (g > periods[T - 1]) { g = 0; recodedLate++; }
            keep.Add(i);
            cohort.Add(g);
        }
        if (droppedAlways > 0) notes.Add($"Dropped {droppedAlways} units already treated in the first period (no pre-treatment period).");
        if (recodedLate > 0) notes.Add($"{recodedLate} units first treated after the last period are treated as never treated.");
        int n = keep.Count;
        var unitCohort = cohort.ToArray();
        var unitIndex = keep.ToArray();
        var weights = new double[n];
        if (data.UnitWeights is null) Array.Fill(weights, 1.0);
        else
        {
            double mean = 0;
            for (int j = 0; j < n; j++) mean += data.UnitWeights[unitIndex[j]];
            mean /= n;
            for (int j = 0; j < n; j++) weights[j] = data.UnitWeights[unitIndex[j]] / mean;
        }
        var glist = unitCohort.Where(g => g > 0).Distinct().Order().ToArray();
        if (glist.Length == 0) throw new ArgumentException("No treated cohort remains: every unit is never treated (cohort 0) or treated in the first period.");
        if (comparison == ComparisonGroup.NeverTreated && !unitCohort.Any(g => g == 0))
            throw new ArgumentException("The never-treated comparison group is empty: no unit has cohort 0. Use the not-yet-treated comparison group.");

        // Cohort codes: 0 = never, 1..G = glist index + 1, so a cell's roles are a small lookup table.
        var cohortCode = new int[n];
        for (int j = 0; j < n; j++) cohortCode[j] = unitCohort[j] == 0 ? 0 : Array.BinarySearch(glist, unitCohort[j]) + 1;

        var cells = new List<(double G, int Tc, int B)>();
        for (int gi = 0; gi < glist.Length; gi++)
        {
            double g = glist[gi];
            int lastPre = -1;
            for (int t = 0; t < T; t++) if (periods[t] + anticipation < g) lastPre = t;
            int start = basePeriod == BasePeriod.Varying ? 1 : 0;
            for (int tc = start; tc < T; tc++)
            {
                int b;
                if (g <= periods[tc]) b = lastPre;
                else b = basePeriod == BasePeriod.Varying ? tc - 1 : lastPre;
                cells.Add((g, tc, b));
            }
        }

        int K = cells.Count;
        var att = new double[K];
        var influence = new double[K][];
        var groups = new double[K];
        var times = new double[K];
        var bases = new double[K];
        var errors = new string?[K];
        var x = data.Covariates;
        bool unconditional = x.Length == 0;
        var roles = new byte[K][];
        for (int c = 0; c < K; c++)
        {
            var (g, tc, b) = cells[c];
            groups[c] = g;
            times[c] = periods[tc];
            bases[c] = tc == b ? double.NaN : periods[b]; // universal base cell: ATT(g, g−δ−1) = 0 by construction
            // Roles by cohort code: 1 = treated (cohort g), 2 = comparison.
            double threshold = Math.Max(periods[tc], periods[b]) + anticipation;
            var role = new byte[glist.Length + 1];
            role[0] = 2;
            for (int gi = 0; gi < glist.Length; gi++)
            {
                if (glist[gi] == g) role[gi + 1] = 1;
                else if (comparison == ComparisonGroup.NotYetTreated && glist[gi] > threshold) role[gi + 1] = 2;
            }
            roles[c] = role;
        }
        if (unconditional)
        {
            FusedMeanChangeDid(data, unitIndex, cohortCode, roles, weights, cells, att, influence, errors);
        }
        else
        {
            Parallel.For(0, K, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, c =>
            {
                var (g, tc, b) = cells[c];
                var inf = new double[n];
                influence[c] = inf;
                if (tc == b) return;
                try
                {
                    att[c] = CovariateDid(data, unitIndex, cohortCode, roles[c], weights, tc, b, method, inf);
                }
                catch (Exception e) when (e is InvalidOperationException or ArgumentException)
                {
                    errors[c] = $"ATT(g={g}, t={periods[tc]}): {e.Message}";
                }
            });
        }
        var firstError = errors.FirstOrDefault(e => e is not null);
        if (firstError is not null) throw new InvalidOperationException(firstError);

        int[]? clusterCodes = null;
        if (data.Cluster is not null)
        {
            var map = new Dictionary<int, int>();
            clusterCodes = new int[n];
            for (int j = 0; j < n; j++)
            {
                var code = data.Cluster[unitIndex[j]];
                if (!map.TryGetValue(code, out var k)) { k = map.Count; map[code] = k; }
                clusterCodes[j] = k;
            }
        }
        return new GroupTimeCore(groups, times, bases, att, influence, unitCohort, weights, clusterCodes, glist, notes);
    }

    private const int Chunk = 16384;

    /// <summary>
    /// Unconditional ATT(g,t) for every cell at once: the treated cohort's mean change minus the comparison units' mean
    /// change (weighted), with influence function n·wᵢ(ΔYᵢ − μ_G)/W_G for treated and −n·wᵢ(ΔYᵢ − μ_C)/W_C for
    /// comparison units — exactly what DRDID's estimators reduce to with an intercept only. Two passes over units
    /// (sums, then influence), each reading a unit's outcome row once for all cells; chunk sums are combined in chunk
    /// order, so the result does not depend on thread scheduling.
    /// </summary>
    private static void FusedMeanChangeDid(StaggeredData data, int[] unitIndex, int[] cohortCode, byte[][] roles, double[] w,
        List<(double G, int Tc, int B)> cells, double[] att, double[][] influence, string?[] errors)
    {
        int n = unitIndex.Length, T = data.PeriodCount, K = cells.Count, codes = roles[0].Length;
        var y = data.Outcome;
        for (int c = 0; c < K; c++) influence[c] = new double[n];
        // For each cohort code, the cells it takes part in: (cell, post period, base period, treated?).
        var byCode = new (int Cell, int Tc, int B, bool Treated)[codes][];
        for (int code = 0; code < codes; code++)
        {
            byCode[code] = Enumerable.Range(0, K).Where(c => cells[c].Tc != cells[c].B && roles[c][code] != 0)
                .Select(c => (c, cells[c].Tc, cells[c].B, roles[c][code] == 1)).ToArray();
        }
        int chunks = (n + Chunk - 1) / Chunk;
        var partial = new double[chunks][];
        Parallel.For(0, chunks, ch =>
        {
            var acc = new double[4 * K]; // sG, wG, sC, wC per cell
            int lo = ch * Chunk, hi = Math.Min(n, lo + Chunk);
            for (int j = lo; j < hi; j++)
            {
                long row = (long)unitIndex[j] * T;
                double wj = w[j];
                foreach (var (c, tc, b, treated) in byCode[cohortCode[j]])
                {
                    double dy = y[row + tc] - y[row + b];
                    int k = treated ? 4 * c : 4 * c + 2;
                    acc[k] += wj * dy;
                    acc[k + 1] += wj;
                }
            }
            partial[ch] = acc;
        });
        var total = new double[4 * K];
        foreach (var acc in partial) for (int k = 0; k < total.Length; k++) total[k] += acc[k];
        var muG = new double[K];
        var muC = new double[K];
        var aG = new double[K];
        var aC = new double[K];
        for (int c = 0; c < K; c++)
        {
            if (cells[c].Tc == cells[c].B) continue;
            double sG = total[4 * c], wG = total[4 * c + 1], sC = total[4 * c + 2], wC = total[4 * c + 3];
            if (wG == 0) { errors[c] = $"ATT(g={cells[c].G}, t={data.Periods[cells[c].Tc]}): the treated cohort has no units."; continue; }
            if (wC == 0) { errors[c] = $"ATT(g={cells[c].G}, t={data.Periods[cells[c].Tc]}): there are no comparison units."; continue; }
            muG[c] = sG / wG; muC[c] = sC / wC; aG[c] = n / wG; aC[c] = n / wC;
            att[c] = muG[c] - muC[c];
        }
        Parallel.For(0, chunks, ch =>
        {
            int lo = ch * Chunk, hi = Math.Min(n, lo + Chunk);
            for (int j = lo; j < hi; j++)
            {
                long row = (long)unitIndex[j] * T;
                double wj = w[j];
                foreach (var (c, tc, b, treated) in byCode[cohortCode[j]])
                {
                    double dy = y[row + tc] - y[row + b];
                    influence[c][j] = treated ? aG[c] * wj * (dy - muG[c]) : -aC[c] * wj * (dy - muC[c]);
                }
            }
        });
    }

    /// <summary>Covariate-adjusted ATT(g,t) by DRDID's panel estimators on the G ∪ C subsample, covariates from the
    /// earlier of the two periods (as did's wide reshaping keeps them).</summary>
    private static double CovariateDid(StaggeredData data, int[] unitIndex, int[] cohortCode, byte[] role,
        double[] w, int tc, int b, CovariateMethod method, double[] inf)
    {
        int n = unitIndex.Length, T = data.PeriodCount;
        var members = new List<int>();
        for (int j = 0; j < n; j++) if (role[cohortCode[j]] != 0) members.Add(j);
        int n1 = members.Count;
        int covPeriod = Math.Min(tc, b);
        var dy = new double[n1];
        var d = new bool[n1];
        var ws = new double[n1];
        var x = new double[data.Covariates.Length + 1][];
        x[0] = new double[n1];
        Array.Fill(x[0], 1.0);
        for (int k = 0; k < data.Covariates.Length; k++) x[k + 1] = new double[n1];
        for (int m = 0; m < n1; m++)
        {
            int j = members[m];
            long row = (long)unitIndex[j] * T;
            dy[m] = data.Outcome[row + tc] - data.Outcome[row + b];
            d[m] = role[cohortCode[j]] == 1;
            ws[m] = w[j];
            for (int k = 0; k < data.Covariates.Length; k++) x[k + 1][m] = data.Covariates[k][row + covPeriod];
        }
        if (!d.Any(v => v)) throw new InvalidOperationException("the treated cohort has no units.");
        if (d.All(v => v)) throw new InvalidOperationException("there are no comparison units.");
        var (att, sub) = DrDidPanel.Estimate(method, dy, d, x, ws);
        double scale = (double)n / n1;
        for (int m = 0; m < n1; m++) inf[members[m]] = scale * sub[m];
        return att;
    }

    private static string Label(StaggeredData data, int i) => data.UnitLabels is null ? $"#{i + 1}" : $"'{data.UnitLabels[i]}'";

    /// <summary>
    /// Standard error from an influence function: √(Σᵢ ψᵢ²)/n, or with clusters √(Σ_c (Σ_{i∈c} ψᵢ)²)/n; NaN when it
    /// is numerically zero (did reports NA there).
    /// </summary>
    public static double StdError(double[] psi, int[]? cluster)
    {
        int n = psi.Length;
        double ss = 0;
        if (cluster is null)
        {
            foreach (var v in psi) ss += v * v;
        }
        else
        {
            var sums = new double[cluster.Max() + 1];
            for (int i = 0; i < n; i++) sums[cluster[i]] += psi[i];
            foreach (var v in sums) ss += v * v;
        }
        double se = Math.Sqrt(ss) / n;
        return se <= Math.Sqrt(2.220446049250313e-16) * 10 ? double.NaN : se;
    }
}
