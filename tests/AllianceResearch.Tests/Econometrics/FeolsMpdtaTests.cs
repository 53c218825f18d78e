using AllianceResearch.Data;
using AllianceResearch.Econometrics;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Econometrics;

/// <summary>
/// feols(lemp ~ D | countyreal + year) on mpdta against fixest 0.14.2 (reference/expected/mpdta_fixest_twfe.csv),
/// every variance variant, to 1e-9 relative (the brief's bar is 1e-6).
/// </summary>
public sealed class FeolsMpdtaTests
{
    internal const double Rel = 1e-9;

    internal static Panel Mpdta() => Panel.FromCsv(RepoPaths.Reference("mpdta.csv"),
        new PanelSpec("countyreal", "year") { Numeric = ["lemp", "lpop"], Cohort = "first.treat" });

    private static Vcov VcovFor(string label) => label switch
    {
        "iid" => Vcov.Iid,
        "hetero" => Vcov.Hetero,
        "cluster" => Vcov.Cluster("countyreal"),
        "cluster_K.fixef=full" => Vcov.Cluster("countyreal").WithSsc(new SmallSampleCorrection(FixefK: FixefK.Full)),
        "cluster_K.fixef=none" => Vcov.Cluster("countyreal").WithSsc(new SmallSampleCorrection(FixefK: FixefK.None)),
        "cluster_no_ssc" => Vcov.Cluster("countyreal").WithSsc(SmallSampleCorrection.NoAdjustment),
        "hetero_no_ssc" => Vcov.Hetero.WithSsc(new SmallSampleCorrection(KAdjust: false)),
        "iid_no_ssc" => Vcov.Iid.WithSsc(new SmallSampleCorrection(KAdjust: false)),
        _ => throw new ArgumentException(label),
    };

    [Fact]
    public void EveryVarianceVariantMatchesFixest()
    {
        var panel = Mpdta();
        panel = panel.WithColumn("D", panel.TreatmentFromCohort());
        var fit = Feols.Fit(panel, new FeolsSpec("lemp", ["D"], ["countyreal", "year"]));
        Assert.Equal(AbsorptionMethod.BalancedTwoWayExact, fit.Absorption.Method);
        var rows = ReferenceCsv.Read(RepoPaths.Reference("expected", "mpdta_fixest_twfe.csv"));
        Assert.Equal(8, rows.Count);
        foreach (var row in rows)
        {
            var label = row["vcov"];
            var r = fit.WithVcov(VcovFor(label));
            var c = r.Coefficients.Single();
            Assert.Equal("D", c.Term);
            ReferenceCsv.Close(row.Num("estimate"), c.Estimate, Rel, $"{label} estimate");
            ReferenceCsv.Close(row.Num("std_error"), c.StdError, Rel, $"{label} SE");
            ReferenceCsv.Close(row.Num("t_value"), c.Statistic, Rel, $"{label} t");
            ReferenceCsv.Close(row.Num("p_value"), c.PValue, Rel, $"{label} p");
            Assert.Equal((int)row.Num("df_t"), r.TDegreesOfFreedom);
            Assert.Equal((int)row.Num("df_K"), r.Covariance!.K);
            Assert.Equal((long)row.Num("nobs"), r.Observations);
            if (row["n_clusters"] != "NA") Assert.Equal((int)row.Num("n_clusters"), r.Covariance.Clusters.Single());
            ReferenceCsv.Close(row.Num("r2"), r.RSquared!.Value, Rel, "r2");
            ReferenceCsv.Close(row.Num("within_r2"), r.WithinRSquared!.Value, Rel, "within r2");
        }
    }

    [Fact]
    public void AlternatingProjectionsAgreesWithExactBalancedPath()
    {
        // Same model forced through alternating projections (weights of 1 disable the exact path): must agree
        // with the exact within transformation to 1e-9 relative, which checks the iterative solver and its stop rule.
        var panel = Mpdta();
        panel = panel.WithColumn("D", panel.TreatmentFromCohort()).WithColumn("one", Enumerable.Repeat(1.0, panel.RowCount).ToArray());
        var exact = Feols.Fit(panel, new FeolsSpec("lemp", ["D", "lpop"], ["countyreal", "year"])).WithVcov(Vcov.Cluster("countyreal"));
        var ap = Feols.Fit(panel, new FeolsSpec("lemp", ["D", "lpop"], ["countyreal", "year"]) { Weights = "one" }).WithVcov(Vcov.Cluster("countyreal"));
        Assert.Equal(AbsorptionMethod.AlternatingProjections, ap.Absorption.Method);
        Assert.True(ap.Absorption.Converged);
        // lpop is time-invariant within county: collinear with the unit fixed effect, dropped with a message naming it.
        Assert.Equal(["lpop"], exact.DroppedCollinear);
        Assert.Contains(exact.Messages, m => m.Contains("'lpop'"));
        Assert.Equal(["lpop"], ap.DroppedCollinear);
        ReferenceCsv.Close(exact.Estimate("D"), ap.Estimate("D"), Rel, "estimate");
        ReferenceCsv.Close(exact.StdError("D"), ap.StdError("D"), Rel, "SE");
    }
}
