using AllianceResearch.Data;
using AllianceResearch.Did;
using AllianceResearch.Econometrics;
using AllianceResearch.TestSupport;
using AllianceResearch.Tests.Econometrics;

namespace AllianceResearch.Tests.Did;

public sealed class TwfeEventStudyTests
{
    [Fact]
    public void MpdtaEventStudyMatchesFixestForEveryRelativePeriodAndVcov()
    {
        // fixest: feols(lemp ~ i(rel_time, ref = c(-1, -1000)) | countyreal + year), never-treated coded -1000.
        var panel = FeolsMpdtaTests.Mpdta();
        var es = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp"));
        var reference = ReferenceCsv.Read(RepoPaths.Reference("expected", "mpdta_fixest_eventstudy.csv"));
        foreach (var group in reference.GroupBy(r => r["vcov"]))
        {
            var r = group.Key switch
            {
                "cluster" => es,
                "iid" => es.WithVcov(Vcov.Iid),
                "hetero" => es.WithVcov(Vcov.Hetero),
                _ => throw new InvalidOperationException(group.Key),
            };
            Assert.Equal(group.Count(), r.Regression.CoefficientNames.Count);
            foreach (var row in group)
            {
                int k = (int)row.Num("rel_time");
                var c = r.Coefficients.Single(x => x.Term == EventStudyResult.Term(k));
                var what = $"{group.Key} rel {k}";
                ReferenceCsv.Close(row.Num("estimate"), c.Estimate, FeolsMpdtaTests.Rel, what + " estimate");
                ReferenceCsv.Close(row.Num("std_error"), c.StdError, FeolsMpdtaTests.Rel, what + " SE");
                ReferenceCsv.Close(row.Num("t_value"), c.Statistic, FeolsMpdtaTests.Rel, what + " t");
                ReferenceCsv.Close(row.Num("p_value"), c.PValue, FeolsMpdtaTests.Rel, what + " p");
                Assert.Equal((int)row.Num("df_t"), r.Regression.TDegreesOfFreedom);
                Assert.Equal((int)row.Num("df_K"), r.Regression.Covariance!.K);
                ReferenceCsv.Close(row.Num("r2"), r.RSquared!.Value, FeolsMpdtaTests.Rel, "r2");
                ReferenceCsv.Close(row.Num("within_r2"), r.WithinRSquared!.Value, FeolsMpdtaTests.Rel, "within r2");
                var tidy = r.Estimates.Single(e => e.EventTime == k);
                Assert.Equal(c.Estimate, tidy.Estimate);
                Assert.Equal(c.StdError, tidy.StdError);
            }
        }
        var refRow = es.Estimates.Single(e => e.EventTime == -1);
        Assert.Equal(0, refRow.Estimate);
        Assert.True(double.IsNaN(refRow.StdError));
        Assert.Equal([-4, -3, -2, -1, 0, 1, 2, 3], es.Estimates.Select(e => e.EventTime));
    }

    [Fact]
    public void PreTrendWaldTestEqualsHandComputedQuadraticForm()
    {
        // W = b' V⁻¹ b for the three leads, computed here by explicit 3×3 inversion (cofactors), independent of the
        // library's MathNet inverse; F = W/3 with (3, G−1 = 499) degrees of freedom.
        var es = TwfeEventStudy.Fit(FeolsMpdtaTests.Mpdta(), new EventStudySpec("lemp"));
        string[] leads = ["rel::-4", "rel::-3", "rel::-2"];
        var b = leads.Select(es.Regression.Estimate).ToArray();
        var v = es.Regression.CovarianceOf(leads);
        double det = v[0, 0] * (v[1, 1] * v[2, 2] - v[1, 2] * v[2, 1]) - v[0, 1] * (v[1, 0] * v[2, 2] - v[1, 2] * v[2, 0]) + v[0, 2] * (v[1, 0] * v[2, 1] - v[1, 1] * v[2, 0]);
        var inv = new double[3, 3];
        for (int i = 0; i < 3; i++)
            for (int j = 0; j < 3; j++)
            {
                int r0 = (j + 1) % 3, r1 = (j + 2) % 3, c0 = (i + 1) % 3, c1 = (i + 2) % 3;
                inv[i, j] = (v[r0, c0] * v[r1, c1] - v[r0, c1] * v[r1, c0]) / det;
            }
        double w = 0;
        for (int i = 0; i < 3; i++) for (int j = 0; j < 3; j++) w += b[i] * inv[i, j] * b[j];
        var test = es.PreTrendTest!;
        Assert.Equal(3, test.Restrictions);
        Assert.Equal(499, test.DenominatorDf);
        ReferenceCsv.Close(w, test.ChiSquare, 1e-10, "chi2");
        ReferenceCsv.Close(w / 3, test.FStatistic, 1e-10, "F");
        // p-values from MathNet's F and chi-square CDFs: check the F p against the chi-square p's neighbourhood
        // (F(3, 499) is close to chi2(3)/3 for 499 df) and the 0..1 range.
        Assert.InRange(test.FPValue, 0, 1);
        Assert.True(Math.Abs(test.FPValue - test.ChiSquarePValue) < 0.01);
    }

    [Fact]
    public void WindowTrimmingAndBinningChangeTheSampleAsDocumented()
    {
        var panel = FeolsMpdtaTests.Mpdta();
        var trimmed = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp") { Window = (-2, 2) });
        // Treated rows with rel = -4, -3 (cohort 2007: 2003, 2004; cohort 2006: 2003) and rel = 3 (cohort 2004: 2007) are dropped:
        // 131·2 + 40·1 + 20·1 = 322 rows.
        Assert.Equal(2500 - 322, trimmed.Observations);
        Assert.Equal([-2, -1, 0, 1, 2], trimmed.Estimates.Select(e => e.EventTime));
        var binned = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp") { Window = (-2, 2), BinEndpoints = true });
        Assert.Equal(2500, binned.Observations);
        Assert.Equal([-2, -1, 0, 1, 2], binned.Estimates.Select(e => e.EventTime));
        // With a window wider than the data, binning changes nothing: identical to the unrestricted fit.
        var wide = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp") { Window = (-10, 10), BinEndpoints = true });
        var full = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp"));
        Assert.Equal(full.Estimates, wide.Estimates);
    }

    [Fact]
    public void NotYetTreatedUsesLaterCohortsAndNormalisesTheFirstLead()
    {
        var panel = FeolsMpdtaTests.Mpdta();
        var es = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp") { Comparison = EventStudyComparison.NotYetTreated });
        // Never-treated (309 counties) dropped; years ≥ 2007 (last cohort) dropped: 191 counties × 4 years.
        Assert.Equal(191 * 4, es.Observations);
        Assert.Equal([-4, -1], es.ReferencePeriods.Order()); // cohort 2007 in 2003 is the most distant lead
        Assert.Empty(es.Regression.DroppedCollinear);
    }

    [Fact]
    public void TwfeFacadeEqualsDirectRegressionAndDefaultsToUnitClusters()
    {
        var panel = FeolsMpdtaTests.Mpdta();
        var twfe = TwfeDid.Fit(panel, new TwfeSpec("lemp"));
        // Same number as the fixest cluster row (-0.036548936674066557, SE 0.013265155429338669).
        ReferenceCsv.Close(-0.036548936674066557, twfe.Estimate("D"), FeolsMpdtaTests.Rel, "estimate");
        ReferenceCsv.Close(0.013265155429338669, twfe.StdError("D"), FeolsMpdtaTests.Rel, "SE");
        Assert.Equal("cluster(countyreal)", twfe.Vcov.Label);
        Assert.Contains("TWFE", twfe.ToString());
        Assert.Contains("<table>", twfe.ToHtml());
    }

    [Fact]
    public void EventStudyWithoutCohortOrNeverTreatedFailsClearly()
    {
        var noCohort = Panel.FromCsv(RepoPaths.Reference("mpdta.csv"), new PanelSpec("countyreal", "year") { Numeric = ["lemp"] });
        var ex = Assert.Throws<ArgumentException>(() => TwfeEventStudy.Fit(noCohort, new EventStudySpec("lemp")));
        Assert.Contains("cohort column", ex.Message);
        var panel = FeolsMpdtaTests.Mpdta();
        var treatedOnly = panel.Where(r => panel.CohortOfUnit.Span[panel.UnitCodes.Span[r]] > 0);
        var ex2 = Assert.Throws<ArgumentException>(() => TwfeEventStudy.Fit(treatedOnly, new EventStudySpec("lemp")));
        Assert.Contains("never-treated", ex2.Message);
    }
}

public sealed class TwfeEventStudyChartTests
{
    [Fact]
    public void ChartAndModelTableRenderFromTheResult()
    {
        var panel = FeolsMpdtaTests.Mpdta();
        var es = TwfeEventStudy.Fit(panel, new EventStudySpec("lemp"));
        var svg = es.Chart().ToSvg();
        Assert.StartsWith("<svg", svg.TrimStart());
        var twfe = TwfeDid.Fit(panel, new TwfeSpec("lemp"));
        var table = AllianceResearch.Presentation.Tables.RegressionTable.Create([twfe, twfe.WithVcov(Vcov.Iid)]);
        Assert.Contains("0.037", table.ToString()); // -0.0365 at 3 decimals (sign style is the table renderer's)
    }
}
