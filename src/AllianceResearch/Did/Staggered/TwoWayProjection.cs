namespace AllianceResearch.Did.Staggered;

/// <summary>
/// Exact solutions of the unit + period dummy normal equations on a subset of the cells of a units × periods grid
/// (the untreated cells in the imputation estimator). The unit effects are eliminated in closed form, leaving a
/// T × T system for the period effects (T is small), so no iteration is needed:
/// aᵢ = (rᵢ − Σ_{t∈Uᵢ} c_t)/nᵢ and [m_t δ_{tt'} − Σ_{i∈U_t∩U_t'} 1/nᵢ] c = s − Σ_{i∈U_t} rᵢ/nᵢ, with c₀ = 0.
/// Borusyak–Jaravel–Spiess need it with arbitrary right-hand sides (for the weights v* of their variance), which is
/// why it is solved here rather than by a general fixed-effects regression.
/// </summary>
internal sealed class TwoWayProjection
{
    private readonly bool[] _in;     // unit-major membership
    private readonly int _n, _t;
    private readonly int[] _unitCount;
    private readonly double[,] _schurInv;   // inverse of the reduced (T−1)×(T−1) system (period 0 pinned)

    /// <summary>Prepares the projection for the cells flagged in <paramref name="inSample"/> (unit-major).</summary>
    public TwoWayProjection(bool[] inSample, int units, int periods)
    {
        _in = inSample; _n = units; _t = periods;
        _unitCount = new int[units];
        var m = new double[periods, periods];
        var cells = new int[periods];
        for (int i = 0; i < units; i++)
        {
            int k = 0;
            for (int t = 0; t < periods; t++) if (inSample[(long)i * periods + t]) cells[k++] = t;
            _unitCount[i] = k;
            if (k == 0) continue;
            double inv = 1.0 / k;
            for (int a = 0; a < k; a++)
            {
                m[cells[a], cells[a]] += 1;
                for (int b = 0; b < k; b++) m[cells[a], cells[b]] -= inv;
            }
        }
        for (int t = 0; t < periods; t++)
        {
            bool any = false;
            for (int i = 0; i < units && !any; i++) any = inSample[(long)i * periods + t];
            if (!any) throw new InvalidOperationException($"Period code {t} has no untreated observation, so its period effect cannot be estimated.");
        }
        var reduced = new double[periods - 1, periods - 1];
        for (int a = 1; a < periods; a++) for (int b = 1; b < periods; b++) reduced[a - 1, b - 1] = m[a, b];
        _schurInv = periods > 1 ? SmallMatrix.Inverse(reduced, "period-effect (disconnected untreated cells?)") : new double[0, 0];
    }

    /// <summary>Number of in-sample cells of unit <paramref name="i"/>.</summary>
    public int UnitCells(int i) => _unitCount[i];

    /// <summary>
    /// Solves the normal equations with right-hand sides r (per unit) and s (per period); returns unit and period
    /// coefficients. Units without in-sample cells get NaN.
    /// </summary>
    public (double[] Unit, double[] Period) Solve(double[] r, double[] s)
    {
        var q = (double[])s.Clone();
        for (int i = 0; i < _n; i++)
        {
            if (_unitCount[i] == 0) continue;
            double ri = r[i] / _unitCount[i];
            long row = (long)i * _t;
            for (int t = 0; t < _t; t++) if (_in[row + t]) q[t] -= ri;
        }
        var c = new double[_t];
        if (_t > 1)
        {
            var rhs = new double[_t - 1];
            for (int t = 1; t < _t; t++) rhs[t - 1] = q[t];
            var sol = SmallMatrix.Multiply(_schurInv, rhs);
            for (int t = 1; t < _t; t++) c[t] = sol[t - 1];
        }
        var a = new double[_n];
        for (int i = 0; i < _n; i++)
        {
            if (_unitCount[i] == 0) { a[i] = double.NaN; continue; }
            double acc = r[i];
            long row = (long)i * _t;
            for (int t = 0; t < _t; t++) if (_in[row + t]) acc -= c[t];
            a[i] = acc / _unitCount[i];
        }
        return (a, c);
    }

    /// <summary>Fits y (unit-major, read only on in-sample cells) on unit and period dummies.</summary>
    public (double[] Unit, double[] Period) Fit(double[] y)
    {
        var r = new double[_n];
        var s = new double[_t];
        for (int i = 0; i < _n; i++)
        {
            long row = (long)i * _t;
            for (int t = 0; t < _t; t++)
                if (_in[row + t]) { r[i] += y[row + t]; s[t] += y[row + t]; }
        }
        return Solve(r, s);
    }

    /// <summary>Residual of y after projecting on unit and period dummies, on in-sample cells (others 0).</summary>
    public double[] Residualise(double[] y)
    {
        var (a, c) = Fit(y);
        var e = new double[y.Length];
        for (int i = 0; i < _n; i++)
        {
            long row = (long)i * _t;
            for (int t = 0; t < _t; t++) if (_in[row + t]) e[row + t] = y[row + t] - a[i] - c[t];
        }
        return e;
    }
}
