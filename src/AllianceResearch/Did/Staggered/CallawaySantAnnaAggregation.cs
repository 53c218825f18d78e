namespace AllianceResearch.Did.Staggered;

/// <summary>One aggregated quantity with its influence function (before inference is attached).</summary>
/// <param name="Key">Event time, cohort or period the component describes (NaN for the overall number).</param>
/// <param name="Att">Estimate.</param>
/// <param name="Influence">Per-unit influence function.</param>
internal sealed record AggregatedPiece(double Key, double Att, double[] Influence);

/// <summary>
/// The aggregations of R <c>did</c>'s <c>aggte</c> (Callaway &amp; Sant'Anna 2021, Section 3), each a weighted average
/// of ATT(g,t) whose influence function is the same weighted average of the cells' influence functions plus, where the
/// weights are estimated cohort shares, the extra term for estimating them (did's <c>wif</c>).
/// </summary>
internal static class CallawaySantAnnaAggregation
{
    /// <summary>Computes the overall aggregate and its components.</summary>
    public static (AggregatedPiece Overall, IReadOnlyList<AggregatedPiece> Components) Compute(GroupTimeCore core, AggregationSpec spec)
    {
        int K = core.Att.Length;
        int n = core.N;
        var glist = core.GroupList;
        // pg: share of units (weighted) in each cohort, the weight of every ATT(g,t) of that cohort.
        var pgg = new double[glist.Length];
        var codes = core.UnitCohortCode;
        for (int i = 0; i < n; i++)
        {
            if (codes[i] == 0) continue;
            pgg[codes[i] - 1] += core.UnitWeights[i];
        }
        for (int g = 0; g < pgg.Length; g++) pgg[g] /= n;
        var pg = new double[K];
        for (int k = 0; k < K; k++) pg[k] = pgg[Array.BinarySearch(glist, core.Groups[k])];
        double maxE = spec.MaxEventTime ?? double.PositiveInfinity;
        double minE = spec.MinEventTime ?? double.NegativeInfinity;
        foreach (var a in core.Att) if (double.IsNaN(a)) throw new InvalidOperationException("Some ATT(g,t) are missing; cannot aggregate.");

        switch (spec.Type)
        {
            case AggregationType.Simple:
            {
                var keepers = Range(K).Where(k => core.Groups[k] <= core.Times[k] && core.Times[k] <= core.Groups[k] + maxE).ToArray();
                var piece = Weighted(core, keepers, pg, withWeightTerm: true, key: double.NaN);
                return (piece, []);
            }
            case AggregationType.Group:
            {
                var comps = new List<AggregatedPiece>();
                foreach (var g in glist)
                {
                    var which = Range(K).Where(k => core.Groups[k] == g && g <= core.Times[k] && core.Times[k] <= g + maxE).ToArray();
                    comps.Add(Weighted(core, which, pg, withWeightTerm: false, key: g));
                }
                // Overall: cohort effects weighted by cohort size, plus the estimated-weight term.
                var attG = comps.Select(c => c.Att).ToArray();
                var ifs = comps.Select(c => c.Influence).ToArray();
                double sp = pgg.Sum();
                var overallIf = new double[n];
                double att = 0;
                for (int g = 0; g < glist.Length; g++)
                {
                    double wgt = pgg[g] / sp;
                    att += wgt * attG[g];
                    var f = ifs[g];
                    for (int i = 0; i < n; i++) overallIf[i] += wgt * f[i];
                }
                AddWeightTerm(core, overallIf, glist, pgg, attG);
                return (new AggregatedPiece(double.NaN, att, overallIf), comps);
            }
            case AggregationType.Dynamic:
            {
                var e = Range(K).Select(k => core.Times[k] - core.Groups[k]).ToArray();
                var eseq = e.Distinct().Order().ToList();
                var include = new bool[K];
                Array.Fill(include, true);
                double lastT = core.Times.Max(), firstT = core.Times.Min();
                if (spec.BalanceEventTime is int be)
                {
                    eseq = eseq.Where(v => v <= be && v >= be - lastT + firstT).ToList();
                    for (int k = 0; k < K; k++) include[k] = lastT - core.Groups[k] >= be;
                }
                eseq = eseq.Where(v => v >= minE && v <= maxE).ToList();
                var comps = new List<AggregatedPiece>();
                foreach (var ev in eseq)
                {
                    var which = Range(K).Where(k => e[k] == ev && include[k]).ToArray();
                    comps.Add(Weighted(core, which, pg, withWeightTerm: true, key: ev));
                }
                var post = comps.Where(c => c.Key >= 0).ToArray();
                return (Mean(post, n), comps);
            }
            case AggregationType.Calendar:
            {
                double minG = core.Groups.Min();
                var tlist = core.Times.Distinct().Order().Where(t => t >= minG).ToArray();
                var comps = new List<AggregatedPiece>();
                foreach (var t1 in tlist)
                {
                    var which = Range(K).Where(k => core.Times[k] == t1 && core.Groups[k] <= t1).ToArray();
                    comps.Add(Weighted(core, which, pg, withWeightTerm: true, key: t1));
                }
                return (Mean(comps, n), comps);
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(spec), spec.Type, "Unknown aggregation type.");
        }
    }

    private static IEnumerable<int> Range(int k) => Enumerable.Range(0, k);

    private static AggregatedPiece Mean(IReadOnlyList<AggregatedPiece> pieces, int n)
    {
        var inf = new double[n];
        double att = 0;
        if (pieces.Count == 0) return new AggregatedPiece(double.NaN, double.NaN, inf);
        foreach (var p in pieces) att += p.Att / pieces.Count;
        Parallel.For(0, (n + 65535) / 65536, chunk =>
        {
            int lo = chunk * 65536, hi = Math.Min(n, lo + 65536);
            foreach (var p in pieces)
            {
                var f = p.Influence;
                for (int i = lo; i < hi; i++) inf[i] += f[i] / pieces.Count;
            }
        });
        return new AggregatedPiece(double.NaN, att, inf);
    }

    /// <summary>Σ_k (pg_k/Σpg) ATT_k with influence Σ_k (pg_k/Σpg) ψ_k (+ the estimated-weight term), in one pass over units.</summary>
    private static AggregatedPiece Weighted(GroupTimeCore core, int[] which, double[] pg, bool withWeightTerm, double key)
    {
        int n = core.N;
        var inf = new double[n];
        if (which.Length == 0) return new AggregatedPiece(key, double.NaN, inf);
        double s = which.Sum(k => pg[k]);
        double att = 0;
        var wgt = new double[which.Length];
        var cols = new double[which.Length][];
        for (int j = 0; j < which.Length; j++)
        {
            wgt[j] = pg[which[j]] / s;
            att += wgt[j] * core.Att[which[j]];
            cols[j] = core.Influence[which[j]];
        }
        double[]? byCode = withWeightTerm
            ? WeightTermByCohort(core, which.Select(k => core.Groups[k]).ToArray(), which.Select(k => pg[k]).ToArray(),
                which.Select(k => core.Att[k]).ToArray())
            : null;
        var codes = core.UnitCohortCode;
        var w = core.UnitWeights;
        Parallel.For(0, (n + 65535) / 65536, chunk =>
        {
            int lo = chunk * 65536, hi = Math.Min(n, lo + 65536);
            for (int j = 0; j < cols.Length; j++)
            {
                var f = cols[j];
                double c = wgt[j];
                for (int i = lo; i < hi; i++) inf[i] += c * f[i];
            }
            if (byCode is not null)
            {
                int g = byCode.Length / 2;
                for (int i = lo; i < hi; i++) inf[i] += w[i] * byCode[codes[i]] + byCode[g + codes[i]];
            }
        });
        return new AggregatedPiece(key, att, inf);
    }

    /// <summary>
    /// did's <c>wif %*% att</c>: the influence of estimating the cohort shares pg_k that weight ATT_k,
    /// Σ_k ATT_k (wᵢ1{Gᵢ=g_k} − pg_k)/S − [Σ_k (wᵢ1{Gᵢ=g_k} − pg_k)]·(Σ_k pg_k ATT_k)/S², S = Σ_k pg_k.
    /// It depends on a unit only through its cohort and weight: returned as [a_c …, b_c …] by cohort code c so that
    /// unit i's term is wᵢ·a_c + b_c.
    /// </summary>
    private static double[] WeightTermByCohort(GroupTimeCore core, double[] cohorts, double[] pgk, double[] attk)
    {
        double s = pgk.Sum();
        double sumPgAtt = 0;
        for (int k = 0; k < pgk.Length; k++) sumPgAtt += pgk[k] * attk[k];
        int codesCount = core.GroupList.Length + 1;
        var attByCode = new double[codesCount];
        var countByCode = new double[codesCount];
        for (int k = 0; k < cohorts.Length; k++)
        {
            int code = cohorts[k] == 0 ? 0 : Array.BinarySearch(core.GroupList, cohorts[k]) + 1;
            if (code <= 0) continue;
            attByCode[code] += attk[k];
            countByCode[code] += 1;
        }
        var result = new double[2 * codesCount];
        for (int c = 0; c < codesCount; c++)
        {
            result[c] = attByCode[c] / s - countByCode[c] * sumPgAtt / (s * s);
            result[codesCount + c] = -sumPgAtt / s + s * sumPgAtt / (s * s);
        }
        return result;
    }

    private static void AddWeightTerm(GroupTimeCore core, double[] inf, double[] cohorts, double[] pgk, double[] attk)
    {
        var byCode = WeightTermByCohort(core, cohorts, pgk, attk);
        int g = byCode.Length / 2;
        var codes = core.UnitCohortCode;
        for (int i = 0; i < inf.Length; i++) inf[i] += core.UnitWeights[i] * byCode[codes[i]] + byCode[g + codes[i]];
    }
}
