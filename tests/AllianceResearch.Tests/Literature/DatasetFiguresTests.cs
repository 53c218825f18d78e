using AllianceResearch.Indicators;
using AllianceResearch.Literature;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Literature;

/// <summary>
/// A sample of the transcribed figures, checked against ../shared/domain/seed-digest.md. Expected
/// values are typed here from the digest (line numbers cited), not read from the datasets.
/// </summary>
public sealed class DatasetFiguresTests
{
    private static readonly Lazy<EvidenceBase> Evidence = new(() => EvidenceBase.Load(RepoPaths.InRepo("datasets")));
    private const string Doc000 = "000_e46dd8698a166df8.txt";
    private const string Doc002 = "002_14a4fbf448a5212e.txt";
    private const string Doc003 = "003_2819d52ff3edc13b.txt";

    [Fact]
    public void ReviewSearchAndScreeningFlow()
    {
        var e = Evidence.Value;
        // digest line 47: "CNKI (Chinese) and PubMed (English), from inception to 2021-10-30."
        Assert.Equal(["CNKI", "PubMed"], e.SearchProtocol.Select(s => s.Database));
        Assert.All(e.SearchProtocol, s => Assert.Equal("2021-10-30", s.DateTo));
        // digest line 60-61: "129 records retrieved → ... → 9 included studies ... 6 provinces, 9 regions".
        Assert.Equal(129, e.Screening.Single(s => s.Step == 1).Records);
        Assert.Equal(9, e.Screening.Single(s => s.Stage == "Studies included").Records);
        Assert.Equal(6, e.Screening.Single(s => s.Stage.StartsWith("Provinces")).Records);
        // Intermediate counts are not in the text: recorded as not stated, never invented.
        Assert.All(e.Screening.Where(s => s.Step is 2 or 3 or 4), s =>
        {
            Assert.Null(s.Records);
            Assert.Equal(FigureStatus.NotStated, s.Status);
        });
        Assert.Equal(5, e.Criteria.Count(c => c.IsInclusion));
        Assert.Equal(5, e.Criteria.Count(c => !c.IsInclusion));
        Assert.All(e.Screening, s => Assert.Equal(Doc000, s.SourceFile));
    }

    [Fact]
    public void RegionsSixNamedThreeUnknown()
    {
        var e = Evidence.Value;
        // digest lines 76-91: Xiangyun, Deqing, Ganyu, Anji, Youxi, Wuwei named; "the other 3 regions ... not named".
        Assert.Equal(9, e.Regions.Count);
        Assert.Equal(["Xiangyun County", "Deqing County", "Ganyu District of Lianyungang", "Anji County", "Youxi County", "Wuwei City"],
            e.Regions.Where(r => r.NamedInText).Select(r => r.NameEn));
        Assert.All(e.Regions.Where(r => !r.NamedInText), r =>
        {
            Assert.Equal("unknown", r.NameEn);
            Assert.Equal("unknown", r.ProvinceEn);
        });
        // Five named provinces (Yunnan, Zhejiang, Jiangsu, Fujian, Anhui); the sixth is not named.
        Assert.Equal(5, e.Regions.Where(r => r.NamedInText).Select(r => r.ProvinceEn).Distinct().Count());
        // digest line 76: DRG implemented only in Xiangyun, Deqing and Ganyu.
        Assert.Equal(["XY", "DQ", "GY"], e.PaymentMethods.Where(m => m.Method == "inpatient DRG" && m.Status == "yes").Select(m => m.RegionId));
    }

    [Theory]
    // digest line 161: "Shanxi 117, Zhejiang 70, other provinces 567 (total 754). 44,188 policy documents"
    [InlineData("pilots_total", "754")]
    [InlineData("pilots_shanxi", "117")]
    [InlineData("pilots_zhejiang", "70")]
    [InlineData("pilots_other", "567")]
    [InlineData("policy_documents", "44188")]
    // digest line 164: "535 of 754 (71.0%) met the tight standard in 2021, +9.0 pp on 2019."
    [InlineData("tight_count", "535")]
    [InlineData("tight_share", "71.0")]
    [InlineData("tight_change", "9.0")]
    // digest line 165: "434 (57.6%) a single alliance per county; 310 (41.1%) several alliances."
    [InlineData("single_alliance_count", "434")]
    [InlineData("multi_alliance_share", "41.1")]
    public void PilotFigures(string id, string expected)
    {
        var f = Evidence.Value.PilotFigure(id);
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), f.Value);
        Assert.Equal(FigureStatus.Stated, f.Status);
        Assert.Equal(Doc002, f.SourceFile);
    }

    [Fact]
    public void PilotSplitAddsUp()
    {
        var e = Evidence.Value;
        Assert.Equal(e.PilotFigure("pilots_total").Value,
            e.PilotFigure("pilots_shanxi").Value + e.PilotFigure("pilots_zhejiang").Value + e.PilotFigure("pilots_other").Value);
    }

    [Theory]
    // digest line 194: A1 "75.57% (derived) | 78.05% | +2.48 pp"
    [InlineData("A1", "75.57", FigureStatus.Derived, "78.05", "2.48")]
    // digest line 204: D2 "16.61% (derived) | 16.49% | −0.12 pp"
    [InlineData("D2", "16.61", FigureStatus.Derived, "16.49", "-0.12")]
    // digest line 205: D3 "24% | 15.04% | −8.96 pp"
    [InlineData("D3", "24", FigureStatus.Stated, "15.04", "-8.96")]
    // digest line 210: C6 "36.98% | 33.24% | −3.74 pp"
    [InlineData("C6", "36.98", FigureStatus.Stated, "33.24", "-3.74")]
    public void MonitoringOutcomes(string id, string v2019, FigureStatus status2019, string v2020, string change)
    {
        var o = Evidence.Value.MonitoringOutcomes.Single(m => m.IndicatorId == id);
        Assert.Equal(decimal.Parse(v2019), o.Value2019);
        Assert.Equal(status2019, o.Status2019);
        Assert.Equal(decimal.Parse(v2020), o.Value2020);
        Assert.Equal(decimal.Parse(change), o.Change);
        Assert.Equal(Doc002, o.SourceFile);
    }

    [Fact]
    public void DerivedValuesAreTheStatedOnesSubtracted()
    {
        var e = Evidence.Value;
        foreach (var o in e.MonitoringOutcomes)
        {
            if (o.Status2019 == FigureStatus.Derived) Assert.Equal(o.Value2020 - o.Change, o.Value2019);
            if (o.StatusChange == FigureStatus.Derived) Assert.Equal(o.Value2020 - o.Value2019, o.Change);
        }
        // digest line 206: the actual reimbursement ratio has no 2019 value; 2020 = 61.18.
        var d4 = e.MonitoringOutcomes.Single(m => m.IndicatorId == "D4");
        Assert.Null(d4.Value2019);
        Assert.Equal(61.18m, d4.Value2020);
        foreach (var c in e.Communities.Where(c => c.Status2019 == FigureStatus.Derived))
        {
            Assert.Equal(c.Share2020 - c.ChangePp, c.Share2019);
        }
    }

    [Fact]
    public void FourCommunities()
    {
        var e = Evidence.Value;
        // digest line 174: management committee 93.1% (+3.8 pp); line 184: insurance pooling reform 65.4% (+3.8 pp).
        var r1 = e.Communities.Single(c => c.StandardId == "R1");
        Assert.Equal((93.1m, 3.8m), (r1.Share2020, r1.ChangePp!.Value));
        var i2 = e.Communities.Single(c => c.StandardId == "I2");
        Assert.Equal((65.4m, 3.8m), (i2.Share2020, i2.ChangePp!.Value));
        Assert.Equal(11, e.Communities.Count);
        Assert.Equal(4, e.Communities.Select(c => c.CommunityEn).Distinct().Count());
        Assert.All(e.Communities.Where(c => c.CommunityEn == "Service"), c => Assert.Null(c.ChangePp));
    }

    [Fact]
    public void CaseFigures()
    {
        var figures = Evidence.Value.CaseFigures;
        decimal? V(string caseId, string figure) => figures.Single(f => f.CaseId == caseId && f.Figure == figure).Value;
        // digest line 245: Shanghai primary visit share 42.6% (+18.3 pp), tertiary general outpatient −23.5%.
        Assert.Equal(42.6m, V("shanghai_111", "primary-care share of visits"));
        Assert.Equal(-23.5m, V("shanghai_111", "change in tertiary-hospital general outpatient visits"));
        // digest line 254: Luohu cumulative surplus has a garbled leading digit: unknown, no value.
        var luohu = figures.Single(f => f.CaseId == "shenzhen_luohu" && f.Figure.StartsWith("cumulative"));
        Assert.Null(luohu.Value);
        Assert.Equal(FigureStatus.Unknown, luohu.Status);
        // digest line 267: Tiantan 32,000 two-way referrals in 2022.
        Assert.Equal(32000m, V("beijing_tiantan", "two-way referrals"));
        // digest line 276: Xiamen ¥120 per signed resident, 30% (¥36) tied to evaluation.
        Assert.Equal(120m, V("xiamen_three_doctors", "contract fee per signed resident per year"));
        Assert.Equal(36m, V("xiamen_three_doctors", "amount tied to third-party evaluation per resident"));
        Assert.All(figures, f => Assert.Equal(Doc003, f.SourceFile));
    }

    [Fact]
    public void SevenDimensionsAllHaveFindings()
    {
        var findings = Evidence.Value.DimensionFindings;
        Assert.Equal(EvaluationDimensions.All, findings.Select(f => f.Dimension).Distinct());
        // Wuwei is the one exception on compensation (digest line 82-83).
        Assert.Contains(findings, f => f.Dimension == EvaluationDimension.CompensationLevel && !f.IsImprovement);
    }

    [Fact]
    public void BadCsvFailsNamingFileAndRow()
    {
        var ex = Assert.Throws<FormatException>(() => EvidenceCsv.Parse("a,b\n1,2\n3\n", "broken.csv"));
        Assert.Contains("broken.csv", ex.Message);
        Assert.Contains("row 2", ex.Message);
        var t = EvidenceCsv.Parse("a,b\n1,x\n", "t.csv");
        var ex2 = Assert.Throws<FormatException>(() => t.Number(0, "b"));
        Assert.Contains("column 'b'", ex2.Message);
        Assert.Contains("t.csv", ex2.Message);
    }
}
