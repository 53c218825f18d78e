namespace AllianceResearch.Did.Staggered;

/// <summary>
/// Dense linear algebra for the few-by-few systems the staggered estimators solve (propensity-score Hessians,
/// outcome-regression cross-products, Sun–Abraham's interaction block). Row-major <c>double[,]</c>; sizes are tiny,
/// so clarity beats blocking.
/// </summary>
internal static class SmallMatrix
{
    /// <summary>Inverse by Gauss–Jordan elimination with partial pivoting; throws when the matrix is singular.</summary>
    public static double[,] Inverse(double[,] a, string what)
    {
        int k = a.GetLength(0);
        var m = (double[,])a.Clone();
        var inv = new double[k, k];
        for (int i = 0; i < k; i++) inv[i, i] = 1;
        double scale = 0;
        for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) scale = Math.Max(scale, Math.Abs(a[i, j]));
        for (int c = 0; c < k; c++)
        {
            int p = c;
            for (int r = c + 1; r < k; r++) if (Math.Abs(m[r, c]) > Math.Abs(m[p, c])) p = r;
            if (Math.Abs(m[p, c]) <= scale * 1e-13)
                throw new InvalidOperationException($"The {what} matrix is singular: a covariate is collinear or has no variation in this subsample.");
            if (p != c)
            {
                for (int j = 0; j < k; j++)
                {
                    (m[p, j], m[c, j]) = (m[c, j], m[p, j]);
                    (inv[p, j], inv[c, j]) = (inv[c, j], inv[p, j]);
                }
            }
            var d = m[c, c];
            for (int j = 0; j < k; j++) { m[c, j] /= d; inv[c, j] /= d; }
            for (int r = 0; r < k; r++)
            {
                if (r == c) continue;
                var f = m[r, c];
                if (f == 0) continue;
                for (int j = 0; j < k; j++) { m[r, j] -= f * m[c, j]; inv[r, j] -= f * inv[c, j]; }
            }
        }
        return inv;
    }

    /// <summary>y = A x.</summary>
    public static double[] Multiply(double[,] a, double[] x)
    {
        int r = a.GetLength(0), c = a.GetLength(1);
        var y = new double[r];
        for (int i = 0; i < r; i++)
        {
            double s = 0;
            for (int j = 0; j < c; j++) s += a[i, j] * x[j];
            y[i] = s;
        }
        return y;
    }

    /// <summary>Dot product.</summary>
    public static double Dot(double[] a, double[] b)
    {
        double s = 0;
        for (int i = 0; i < a.Length; i++) s += a[i] * b[i];
        return s;
    }
}
