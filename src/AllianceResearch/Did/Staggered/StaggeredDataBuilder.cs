using AllianceResearch.Data;

namespace AllianceResearch.Did.Staggered;

internal static class StaggeredDataBuilder
{
    /// <summary>
    /// Lays a <see cref="Panel"/> out as units × periods. A balanced panel's columns already are that matrix (rows are
    /// sorted by unit then time), so they are shared, not copied. Units not observed in every period are dropped, as R
    /// <c>did</c> does by default, and the count is reported in <paramref name="notes"/>.
    /// </summary>
    public static StaggeredData FromPanel(Panel panel, string outcome, IReadOnlyList<string> covariates, string? cluster,
        List<string> notes)
    {
        ArgumentNullException.ThrowIfNull(panel);
        if (panel.CohortColumn is null)
            throw new ArgumentException($"Panel from {panel.Audit.Source} has no cohort column: set PanelSpec.Cohort to the first-treated-period column (0 = never treated).");
        if (!panel.NumericColumns.Contains(outcome))
            throw new ArgumentException($"Panel from {panel.Audit.Source} has no outcome column '{outcome}'. Numeric columns: {string.Join(", ", panel.NumericColumns)}.");
        foreach (var c in covariates)
            if (!panel.NumericColumns.Contains(c))
                throw new ArgumentException($"Panel from {panel.Audit.Source} has no covariate column '{c}'. Numeric columns: {string.Join(", ", panel.NumericColumns)}.");
        int T = panel.PeriodCount;
        var periods = panel.Periods.ToArray();
        var cohortAll = panel.CohortOfUnit.ToArray();
        int[] keepUnits;
        if (panel.IsBalanced) keepUnits = Enumerable.Range(0, panel.UnitCount).ToArray();
        else
        {
            keepUnits = Enumerable.Range(0, panel.UnitCount).Where(u => panel.RowsOfUnit(u).Count == T).ToArray();
            notes.Add($"Dropped {panel.UnitCount - keepUnits.Length} units not observed in all {T} periods (balanced panel required, as in did's default).");
            if (keepUnits.Length == 0) throw new ArgumentException($"Panel from {panel.Audit.Source}: no unit is observed in all {T} periods.");
        }
        double[] Matrix(string column)
        {
            var values = panel.ColumnArray(column);
            if (panel.IsBalanced) return values;
            var m = new double[(long)keepUnits.Length * T];
            for (int j = 0; j < keepUnits.Length; j++)
            {
                var (start, _) = panel.RowsOfUnit(keepUnits[j]);
                Array.Copy(values, start, m, (long)j * T, T);
            }
            return m;
        }
        double[]? weights = null;
        if (panel.WeightsColumn is not null)
        {
            var w = panel.WeightsArray!;
            weights = new double[keepUnits.Length];
            for (int j = 0; j < keepUnits.Length; j++)
            {
                var (start, count) = panel.RowsOfUnit(keepUnits[j]);
                weights[j] = w[start];
                for (int r = start + 1; r < start + count; r++)
                    if (w[r] != w[start])
                        throw new ArgumentException($"Weights column '{panel.WeightsColumn}' varies within unit '{panel.UnitLabels[keepUnits[j]]}'; the staggered estimators need one weight per unit.");
            }
        }
        int[]? clusterCodes = null;
        if (cluster is not null && cluster != panel.Spec.Unit)
        {
            var codes = panel.FactorCodes(cluster).ToArray();
            clusterCodes = new int[keepUnits.Length];
            for (int j = 0; j < keepUnits.Length; j++)
            {
                var (start, count) = panel.RowsOfUnit(keepUnits[j]);
                clusterCodes[j] = codes[start];
                for (int r = start + 1; r < start + count; r++)
                    if (codes[r] != codes[start])
                        throw new ArgumentException($"Cluster column '{cluster}' varies within unit '{panel.UnitLabels[keepUnits[j]]}'; clusters must be coarser than units.");
            }
        }
        return new StaggeredData(periods, keepUnits.Select(u => cohortAll[u]).ToArray(), Matrix(outcome), weights,
            covariates.Select(Matrix).ToArray(), covariates.ToArray(), clusterCodes,
            keepUnits.Select(u => panel.UnitLabels[u]).ToArray(), outcome);
    }
}
