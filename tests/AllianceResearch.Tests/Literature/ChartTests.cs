using AllianceResearch.Literature;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Literature;

public sealed class ChartTests
{
    private static readonly Lazy<EvidenceBase> Evidence = new(() => EvidenceBase.Load(RepoPaths.InRepo("datasets")));

    [Fact]
    public void ScreeningFlowPrintsStatedCountsAndNotReported()
    {
        var svg = LiteratureCharts.ScreeningFlow(Evidence.Value).ToSvg();
        Assert.Contains("n = 129", svg);
        Assert.Contains("n = 9", svg);
        Assert.Contains("n not reported", svg);
        Assert.Contains("000_e46dd8698a166df8.txt", svg);
    }

    [Fact]
    public void ChartsAreDeterministicAndCiteTheirSource()
    {
        var e = Evidence.Value;
        var dumbbell = LiteratureCharts.MonitoringDumbbell(e).ToSvg();
        Assert.Equal(dumbbell, LiteratureCharts.MonitoringDumbbell(e).ToSvg());
        Assert.Contains("002_14a4fbf448a5212e.txt", dumbbell);
        Assert.Contains("(2019 derived)", dumbbell);
        Assert.DoesNotContain("D4 Actual reimbursement", dumbbell); // no 2019 value stated for the reimbursement ratio, so no dumbbell
        Assert.Contains("Wuwei City", LiteratureCharts.EvidenceHeatmap(e).ToSvg());
        Assert.Contains("2019 (derived)", LiteratureCharts.CommunityBars(e).ToSvg());
    }
}
