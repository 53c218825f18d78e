namespace AllianceResearch.Did.Staggered;

/// <summary>How a two-period ATT is adjusted for covariates (R <c>did</c>'s <c>est_method</c>).</summary>
public enum CovariateMethod
{
    /// <summary>Doubly robust (Sant'Anna &amp; Zhao 2020, eq. 3.1; DRDID <c>drdid_panel</c>): logit propensity score plus
    /// linear outcome regression; consistent if either model is right. The default, as in <c>did</c>.</summary>
    DoublyRobust,

    /// <summary>Normalised (Hájek) inverse probability weighting with a logit propensity score (DRDID <c>std_ipw_did_panel</c>).</summary>
    InverseProbabilityWeighting,

    /// <summary>Outcome regression (Heckman, Ichimura &amp; Todd 1997; DRDID <c>reg_did_panel</c>).</summary>
    OutcomeRegression,
}

/// <summary>
/// Two-period panel ATT estimators with their influence functions, following Sant'Anna &amp; Zhao (2020) as the R
/// package DRDID 1.2 implements them for panel data. Inputs are the subsample of treated and comparison units of one
/// ATT(g,t): the outcome change ΔY, the treated indicator, covariates (first column the intercept) and weights.
/// The influence function returned is on the subsample's scale (Callaway–Sant'Anna rescale it by n/n₁).
/// </summary>
internal static class DrDidPanel
{
    /// <summary>Propensity scores of comparison units at or above this are trimmed (DRDID's default trim.level).</summary>
    public const double TrimLevel = 0.995;

    /// <summary>Estimates the ATT and its influence function.</summary>
    /// <param name="method">Estimator.</param>
    /// <param name="deltaY">Outcome change per unit.</param>
    /// <param name="treated">Treated-group indicator per unit.</param>
    /// <param name="x">Covariate columns, each of length n₁; column 0 must be the intercept.</param>
    /// <param name="weights">Sampling weights per unit, or null.</param>
    public static (double Att, double[] Influence) Estimate(CovariateMethod method, double[] deltaY, bool[] treated,
        double[][] x, double[]? weights)
    {
        int n = deltaY.Length;
        var w = new double[n];
        if (weights is null) Array.Fill(w, 1.0);
        else
        {
            double mw = weights.Average();
            for (int i = 0; i < n; i++) w[i] = weights[i] / mw;
        }
        var d = new double[n];
        for (int i = 0; i < n; i++) d[i] = treated[i] ? 1 : 0;
        return method switch
        {
            CovariateMethod.DoublyRobust => DoublyRobust(deltaY, d, x, w),
            CovariateMethod.InverseProbabilityWeighting => Ipw(deltaY, d, x, w),
            CovariateMethod.OutcomeRegression => Regression(deltaY, d, x, w),
            _ => throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown covariate method."),
        };
    }

    private static (double, double[]) DoublyRobust(double[] dy, double[] d, double[][] x, double[] w)
    {
        int n = dy.Length, k = x.Length;
        var (ps, hessianInvTimesN) = Logit(d, x, w);
        var beta = ControlOls(dy, d, x, w, out var xpxInv);
        var outDelta = Fitted(x, beta);
        var trim = Trim(ps, d);
        var wTreat = new double[n];
        var wCont = new double[n];
        for (int i = 0; i < n; i++)
        {
            wTreat[i] = trim[i] * w[i] * d[i];
            wCont[i] = trim[i] * w[i] * ps[i] * (1 - d[i]) / (1 - ps[i]);
        }
        double mwt = wTreat.Average(), mwc = wCont.Average();
        double sTreat = 0, sCont = 0;
        for (int i = 0; i < n; i++)
        {
            sTreat += wTreat[i] * (dy[i] - outDelta[i]);
            sCont += wCont[i] * (dy[i] - outDelta[i]);
        }
        double etaTreat = sTreat / n / mwt, etaCont = sCont / n / mwc;
        double att = etaTreat - etaCont;

        // Derivative vectors of the two components with respect to the nuisance parameters.
        var m1 = new double[k];
        var m2 = new double[k];
        var m3 = new double[k];
        for (int j = 0; j < k; j++)
        {
            double a = 0, b = 0, c = 0;
            var xj = x[j];
            for (int i = 0; i < n; i++)
            {
                a += wTreat[i] * xj[i];
                b += wCont[i] * (dy[i] - outDelta[i] - etaCont) * xj[i];
                c += wCont[i] * xj[i];
            }
            m1[j] = a / n; m2[j] = b / n; m3[j] = c / n;
        }
        // Asymptotic linear representations: OLS uses (X'WX/n)^-1, the logit n (X'WX)^-1.
        var olsM1 = SmallMatrix.Multiply(xpxInv, m1);
        var olsM3 = SmallMatrix.Multiply(xpxInv, m3);
        var psM2 = SmallMatrix.Multiply(hessianInvTimesN, m2);
        var inf = new double[n];
        var xi = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) xi[j] = x[j][i];
            double resid = dy[i] - outDelta[i];
            double olsScale = w[i] * (1 - d[i]) * resid;
            double psScale = w[i] * (d[i] - ps[i]);
            double treat1 = wTreat[i] * resid - wTreat[i] * etaTreat;
            double treat2 = olsScale * SmallMatrix.Dot(xi, olsM1);
            double cont1 = wCont[i] * resid - wCont[i] * etaCont;
            double cont2 = psScale * SmallMatrix.Dot(xi, psM2);
            double cont3 = olsScale * SmallMatrix.Dot(xi, olsM3);
            inf[i] = (treat1 - treat2) / mwt - (cont1 + cont2 - cont3) / mwc;
        }
        return (att, inf);
    }

    private static (double, double[]) Ipw(double[] dy, double[] d, double[][] x, double[] w)
    {
        int n = dy.Length, k = x.Length;
        var (ps, hessianInvTimesN) = Logit(d, x, w);
        var trim = Trim(ps, d);
        var wTreat = new double[n];
        var wCont = new double[n];
        for (int i = 0; i < n; i++)
        {
            wTreat[i] = trim[i] * w[i] * d[i];
            wCont[i] = trim[i] * w[i] * ps[i] * (1 - d[i]) / (1 - ps[i]);
        }
        double mwt = wTreat.Average(), mwc = wCont.Average();
        double sT = 0, sC = 0;
        for (int i = 0; i < n; i++) { sT += wTreat[i] * dy[i]; sC += wCont[i] * dy[i]; }
        double etaTreat = sT / n / mwt, etaCont = sC / n / mwc;
        var m2 = new double[k];
        for (int j = 0; j < k; j++)
        {
            double b = 0;
            for (int i = 0; i < n; i++) b += wCont[i] * (dy[i] - etaCont) * x[j][i];
            m2[j] = b / n;
        }
        var psM2 = SmallMatrix.Multiply(hessianInvTimesN, m2);
        var inf = new double[n];
        var xi = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) xi[j] = x[j][i];
            double treat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mwt;
            double cont1 = wCont[i] * dy[i] - wCont[i] * etaCont;
            double cont2 = w[i] * (d[i] - ps[i]) * SmallMatrix.Dot(xi, psM2);
            inf[i] = treat - (cont1 + cont2) / mwc;
        }
        return (etaTreat - etaCont, inf);
    }

    private static (double, double[]) Regression(double[] dy, double[] d, double[][] x, double[] w)
    {
        int n = dy.Length, k = x.Length;
        var beta = ControlOls(dy, d, x, w, out var xpxInv);
        var outDelta = Fitted(x, beta);
        // Both components are averages over the treated: the comparison one of the imputed change.
        var wTreat = new double[n];
        for (int i = 0; i < n; i++) wTreat[i] = w[i] * d[i];
        double mwt = wTreat.Average();
        double sT = 0, sC = 0;
        for (int i = 0; i < n; i++) { sT += wTreat[i] * dy[i]; sC += wTreat[i] * outDelta[i]; }
        double etaTreat = sT / n / mwt, etaCont = sC / n / mwt;
        var m1 = new double[k];
        for (int j = 0; j < k; j++)
        {
            double a = 0;
            for (int i = 0; i < n; i++) a += wTreat[i] * x[j][i];
            m1[j] = a / n;
        }
        var olsM1 = SmallMatrix.Multiply(xpxInv, m1);
        var inf = new double[n];
        var xi = new double[k];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < k; j++) xi[j] = x[j][i];
            double treat = (wTreat[i] * dy[i] - wTreat[i] * etaTreat) / mwt;
            double cont1 = wTreat[i] * outDelta[i] - wTreat[i] * etaCont;
            double cont2 = w[i] * (1 - d[i]) * (dy[i] - outDelta[i]) * SmallMatrix.Dot(xi, olsM1);
            inf[i] = treat - (cont1 + cont2) / mwt;
        }
        return (etaTreat - etaCont, inf);
    }

    private static double[] Trim(double[] ps, double[] d)
    {
        var trim = new double[ps.Length];
        for (int i = 0; i < ps.Length; i++) trim[i] = d[i] == 1 ? 1 : (ps[i] < TrimLevel ? 1 : 0);
        return trim;
    }

    private static double[] Fitted(double[][] x, double[] beta)
    {
        int n = x[0].Length;
        var f = new double[n];
        for (int j = 0; j < x.Length; j++)
        {
            var xj = x[j];
            var b = beta[j];
            for (int i = 0; i < n; i++) f[i] += b * xj[i];
        }
        return f;
    }

    /// <summary>Weighted least squares of ΔY on X among comparison units; returns β and (X₀'WX₀/n)⁻¹ (n = all units).</summary>
    private static double[] ControlOls(double[] dy, double[] d, double[][] x, double[] w, out double[,] xpxInv)
    {
        int n = dy.Length, k = x.Length;
        var xpx = new double[k, k];
        var xpy = new double[k];
        for (int i = 0; i < n; i++)
        {
            if (d[i] != 0) continue;
            for (int a = 0; a < k; a++)
            {
                double wa = w[i] * x[a][i];
                xpy[a] += wa * dy[i];
                for (int b = 0; b <= a; b++) xpx[a, b] += wa * x[b][i];
            }
        }
        for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) xpx[b, a] = xpx[a, b];
        var inv = SmallMatrix.Inverse(xpx, "outcome-regression design");
        var beta = SmallMatrix.Multiply(inv, xpy);
        xpxInv = new double[k, k];
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) xpxInv[a, b] = inv[a, b] * n;
        return beta;
    }

    /// <summary>
    /// Weighted logit by Newton–Raphson to full convergence; returns fitted scores (capped at 1 − 1e-6 as DRDID does)
    /// and n (X'WX)⁻¹ at the fitted scores, the Hessian factor of the score's linear representation.
    /// </summary>
    internal static (double[] Ps, double[,] HessianInvTimesN) Logit(double[] d, double[][] x, double[] w)
    {
        int n = d.Length, k = x.Length;
        var beta = new double[k];
        var eta = new double[n];
        var p = new double[n];
        for (int iter = 0; iter < 200; iter++)
        {
            for (int i = 0; i < n; i++) p[i] = 1 / (1 + Math.Exp(-eta[i]));
            var grad = new double[k];
            var h = new double[k, k];
            for (int i = 0; i < n; i++)
            {
                double wi = w[i] * p[i] * (1 - p[i]);
                double r = w[i] * (d[i] - p[i]);
                for (int a = 0; a < k; a++)
                {
                    double xa = x[a][i];
                    grad[a] += r * xa;
                    for (int b = 0; b <= a; b++) h[a, b] += wi * xa * x[b][i];
                }
            }
            for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) h[b, a] = h[a, b];
            var step = SmallMatrix.Multiply(SmallMatrix.Inverse(h, "propensity-score"), grad);
            double maxStep = 0;
            for (int a = 0; a < k; a++) { beta[a] += step[a]; maxStep = Math.Max(maxStep, Math.Abs(step[a]) / (1 + Math.Abs(beta[a]))); }
            for (int i = 0; i < n; i++)
            {
                double e = 0;
                for (int a = 0; a < k; a++) e += beta[a] * x[a][i];
                eta[i] = e;
            }
            if (maxStep < 1e-13) break;
            if (iter == 199) throw new InvalidOperationException("The propensity-score logit did not converge in 200 Newton steps (perfect separation?).");
        }
        var ps = new double[n];
        var hess = new double[k, k];
        for (int i = 0; i < n; i++)
        {
            double pi = 1 / (1 + Math.Exp(-eta[i]));
            pi = Math.Min(pi, 1 - 1e-6);
            ps[i] = pi;
            double wi = pi * (1 - pi) * w[i];
            for (int a = 0; a < k; a++) for (int b = 0; b <= a; b++) hess[a, b] += wi * x[a][i] * x[b][i];
        }
        for (int a = 0; a < k; a++) for (int b = 0; b < a; b++) hess[b, a] = hess[a, b];
        var inv = SmallMatrix.Inverse(hess, "propensity-score");
        for (int a = 0; a < k; a++) for (int b = 0; b < k; b++) inv[a, b] *= n;
        return (ps, inv);
    }
}
