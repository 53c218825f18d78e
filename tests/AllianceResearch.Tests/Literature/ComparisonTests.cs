using AllianceResearch.Literature;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Literature;

public sealed class ComparisonTests
{
    private static readonly Lazy<EvidenceBase> Evidence = new(() => EvidenceBase.Load(RepoPaths.InRepo("datasets")));

    [Fact]
    public void RegionPaymentMatrixShowsOnlyWhatTheTextSays()
    {
        var t = LiteratureComparisons.RegionPaymentMatrix(Evidence.Value);
        Assert.Equal(10, t.Rows.Count); // review summary + 9 regions
        var drg = t.Columns.ToList().IndexOf("inpatient DRG");
        Assert.Equal("yes", t.Row("Xiangyun County (Yunnan)")[drg]);
        Assert.Equal("no", t.Row("Anji County (Zhejiang)")[drg]);
        Assert.Equal("unknown", t.Row("unknown region U1")[t.Columns.ToList().IndexOf("global budget prepayment")]);
        Assert.Equal("3 of 9", t.Row("All 9 regions (review summary)")[drg]);
    }

    [Fact]
    public void EvidenceMapAndVoteCountingCarryWuwei()
    {
        var map = LiteratureComparisons.EvidenceMap(Evidence.Value);
        var comp = map.Columns.ToList().IndexOf("Compensation level");
        Assert.Equal("↓", map.Row("Wuwei City (Anhui)")[comp]);
        Assert.Equal("↑", map.Row("All 9 regions (review summary)")[comp]);
        Assert.Equal("", map.Row("unknown region U2")[comp]);

        var votes = LiteratureComparisons.VoteCount(Evidence.Value);
        var row = votes.Rows.Single(r => r[0].StartsWith("Compensation level"));
        // Two compensation findings: the ratio rose (improved) except in Wuwei, where it fell (worsened).
        Assert.Equal(["2", "1", "0", "1", "Wuwei City", "mixed"], row.Skip(1));
        var satisfaction = votes.Rows.Single(r => r[0].StartsWith("Satisfaction"));
        Assert.Equal("1", satisfaction[3]); // stable and high
    }

    [Fact]
    public void IncentiveModelsHaveTheirCases()
    {
        var t = LiteratureComparisons.IncentiveModels(Evidence.Value);
        Assert.Equal(4, t.Rows.Count);
        Assert.Equal("Shenzhen Luohu Hospital Group", t.Row("Insurance-led (医保主导型)")[5]);
        Assert.Contains("| Model |", t.ToMarkdown());
        var cases = LiteratureComparisons.CaseFigures(Evidence.Value);
        Assert.Contains(cases.Rows, r => r[0] == "Shenzhen Luohu Hospital Group" && r[2] == "unknown");
    }
}

public sealed class GuideConsistencyTests
{
    [Fact]
    public void SelectionGuideAndCaseTablesNameTheSameModelsAndCases()
    {
        // The payment helper's guide (datasets/guide/incentive-models.json) and this evidence base both transcribe
        // document 003: the four models' English and Chinese names and the case ids must agree.
        var evidence = EvidenceBase.Load(RepoPaths.InRepo("datasets"));
        using var doc = System.Text.Json.JsonDocument.Parse(File.ReadAllText(RepoPaths.InRepo("datasets", "guide", "incentive-models.json")));
        var models = doc.RootElement.GetProperty("models").EnumerateArray().ToList();
        Assert.Equal(evidence.IncentiveModels.Select(m => m.NameZh).Order(), models.Select(m => m.GetProperty("nameZh").GetString()!).Order());
        Assert.Equal(evidence.IncentiveModels.Select(m => m.NameEn).Order(), models.Select(m => m.GetProperty("name").GetString()!).Order());
        foreach (var caseId in models.SelectMany(m => m.GetProperty("cases").EnumerateArray().Select(c => c.GetString()!)))
            Assert.Contains(evidence.Cases, c => c.Id == caseId);
    }
}
