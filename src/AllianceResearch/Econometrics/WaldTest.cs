using System.Globalization;
using System.Net;
using AllianceResearch.Presentation;
using MathNet.Numerics.Distributions;

namespace AllianceResearch.Econometrics;

/// <summary>
/// A Wald test of linear restrictions Rβ = r (e.g. the joint pre-trend test: all lead coefficients zero), with
/// the fitted result's covariance: W = (Rβ − r)ᵀ (R V Rᵀ)⁻¹ (Rβ − r). The F form is W/q against F(q, df) with df
/// the result's t degrees of freedom (fixest's <c>wald()</c> convention); the χ² form is W against χ²(q).
/// </summary>
/// <param name="Hypothesis">Readable statement of the restrictions.</param>
/// <param name="Restrictions">Number of restrictions q.</param>
/// <param name="FStatistic">W / q.</param>
/// <param name="DenominatorDf">Denominator degrees of freedom of the F form.</param>
/// <param name="FPValue">P(F(q, df) ≥ F).</param>
/// <param name="ChiSquare">W.</param>
/// <param name="ChiSquarePValue">P(χ²(q) ≥ W).</param>
/// <param name="Vcov">Variance estimator used.</param>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record WaldTestResult(
    string Hypothesis, int Restrictions, double FStatistic, int DenominatorDf, double FPValue, double ChiSquare, double ChiSquarePValue, string Vcov)
    : IHtmlRenderable
{
    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"Wald test: {Hypothesis}\n  F({Restrictions}, {DenominatorDf}) = {FStatistic:F4}, p = {FeolsResult.FormatP(FPValue)}; χ²({Restrictions}) = {ChiSquare:F4}, p = {FeolsResult.FormatP(ChiSquarePValue)}  [vcov: {Vcov}]");

    /// <summary>One-paragraph HTML rendering.</summary>
    public string ToHtml() => "<div class=\"ar-wald\"><pre>" + WebUtility.HtmlEncode(ToString()) + "</pre></div>";
}

/// <summary>Wald tests on a fitted <see cref="FeolsResult"/>.</summary>
public static class WaldTest
{
    /// <summary>Joint test that every coefficient in <paramref name="terms"/> equals zero.</summary>
    public static WaldTestResult AllZero(FeolsResult result, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (terms.Count == 0) throw new ArgumentException("A Wald test needs at least one coefficient.", nameof(terms));
        var idx = terms.Select(result.IndexOf).ToArray();
        var r = new double[idx.Length, result.CoefficientNames.Count];
        for (int a = 0; a < idx.Length; a++) r[a, idx[a]] = 1;
        return Linear(result, r, new double[idx.Length], $"{string.Join(" = ", terms)} = 0");
    }

    /// <summary>General linear restrictions Rβ = r over the result's coefficients (in <see cref="FeolsResult.CoefficientNames"/> order).</summary>
    public static WaldTestResult Linear(FeolsResult result, double[,] r, double[] rhs, string? hypothesis = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        int q = r.GetLength(0), k = r.GetLength(1);
        if (k != result.CoefficientNames.Count) throw new ArgumentException($"R has {k} columns but the model has {result.CoefficientNames.Count} coefficients.", nameof(r));
        if (rhs.Length != q) throw new ArgumentException($"r has {rhs.Length} entries but R has {q} rows.", nameof(rhs));
        var v = result.Covariance!.Matrix;
        var beta = result.CoefficientNames.Select(result.Estimate).ToArray();
        var diff = new double[q];
        for (int a = 0; a < q; a++) { double s = -rhs[a]; for (int j = 0; j < k; j++) s += r[a, j] * beta[j]; diff[a] = s; }
        var rvr = new double[q, q];
        for (int a = 0; a < q; a++)
            for (int b = 0; b < q; b++)
            {
                double s = 0;
                for (int i = 0; i < k; i++)
                {
                    if (r[a, i] == 0) continue;
                    for (int j = 0; j < k; j++) s += r[a, i] * v[i, j] * r[b, j];
                }
                rvr[a, b] = s;
            }
        var inv = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfArray(rvr).Inverse();
        double w = 0;
        for (int a = 0; a < q; a++) for (int b = 0; b < q; b++) w += diff[a] * inv[a, b] * diff[b];
        int df = result.TDegreesOfFreedom;
        double f = w / q;
        return new WaldTestResult(hypothesis ?? $"{q} linear restriction(s)", q, f, df,
            1 - FisherSnedecor.CDF(q, df, f), w, 1 - ChiSquared.CDF(q, w), result.VcovDescription);
    }
}
