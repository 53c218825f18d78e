using AllianceResearch.Data;
using AllianceResearch.Did;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Tests.Did;

public sealed class TwfeTwoByTwoTests
{
    [Fact]
    public void FourMeansAndRegressionAgreeWithHandCalculation()
    {
        // Four units, two periods. Treated units 1, 2: before 10, 12 → after 15, 19 (means 11 → 17, change 6).
        // Control units 3, 4: before 8, 10 → after 10, 12 (means 9 → 11, change 2). DiD = 6 − 2 = 4.
        var panel = Panel.FromColumns(new PanelSpec("id", "t") { Numeric = ["y", "g"] }, new Dictionary<string, Array>
        {
            ["id"] = new[] { 1, 1, 2, 2, 3, 3, 4, 4 },
            ["t"] = new[] { 1, 2, 1, 2, 1, 2, 1, 2 },
            ["y"] = new[] { 10.0, 15, 12, 19, 8, 10, 10, 12 },
            ["g"] = new[] { 1.0, 1, 1, 1, 0, 0, 0, 0 },
        });
        var r = TwoByTwoDid.Fit(panel, new TwoByTwoSpec("y", "g", 2));
        Assert.Equal(11, r.TreatedBefore);
        Assert.Equal(17, r.TreatedAfter);
        Assert.Equal(9, r.ControlBefore);
        Assert.Equal(11, r.ControlAfter);
        Assert.Equal(4, r.DifferenceInDifferences);
        Assert.Equal(4, r.Regression.Estimate(TwoByTwoResult.InteractionTerm), 12);
        Assert.Equal(9, r.Regression.Estimate("(Intercept)"), 12);
        Assert.Equal(2, r.Regression.Estimate("treated"), 12);
        Assert.Equal(2, r.Regression.Estimate("post"), 12);
        // Hetero (HC1) by hand. Residuals are deviations from cell means: treated before 10,12 (mean 11): −1, +1;
        // treated after 15,19 (mean 17): −2, +2; control before 8,10: −1, +1; control after 10,12: −1, +1.
        // For the saturated model, Var(δ) HC0 = Σ_cells Σ e²/n_c² = (2/4) + (8/4) + (2/4) + (2/4) = 3.5; HC1 factor n/(n−K) = 8/4 = 2 → SE = √7.
        var hetero = r.WithVcov(Vcov.Hetero);
        Assert.Equal(Math.Sqrt(7), hetero.Regression.StdError(TwoByTwoResult.InteractionTerm), 12);
        Assert.Contains("DiD", r.ToString());
    }

    [Fact]
    public void GroupColumnThatChangesWithinUnitIsRejected()
    {
        var panel = Panel.FromColumns(new PanelSpec("id", "t") { Numeric = ["y", "g"] }, new Dictionary<string, Array>
        {
            ["id"] = new[] { 1, 1, 2, 2 },
            ["t"] = new[] { 1, 2, 1, 2 },
            ["y"] = new[] { 1.0, 2, 3, 4 },
            ["g"] = new[] { 0.0, 1, 0, 0 },
        });
        var ex = Assert.Throws<ArgumentException>(() => TwoByTwoDid.Fit(panel, new TwoByTwoSpec("y", "g", 2)));
        Assert.Contains("changes within unit '1'", ex.Message);
    }
}
