using AllianceResearch.Data;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Tests.Data;

public sealed class PanelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "ar-panel-" + Guid.NewGuid().ToString("N"));

    public PanelTests() => Directory.CreateDirectory(_dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Csv(string text, string name = "p.csv")
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text, new System.Text.UTF8Encoding(true));
        return path;
    }

    [Fact]
    public void MpdtaLoadsAsBalancedPanelWithCohorts()
    {
        var spec = new PanelSpec("countyreal", "year") { Numeric = ["lemp", "lpop"], Cohort = "first.treat" };
        var panel = Panel.FromCsv(RepoPaths.Reference("mpdta.csv"), spec);
        // mpdta: 500 counties × 5 years (2003–2007), cohorts 0 / 2004 / 2006 / 2007 (309 / 20 / 40 / 131 counties:
        // rows per first.treat value counted independently with Python csv.DictReader, divided by 5).
        Assert.Equal(2500, panel.RowCount);
        Assert.Equal(500, panel.UnitCount);
        Assert.Equal(new double[] { 2003, 2004, 2005, 2006, 2007 }, panel.Periods);
        Assert.True(panel.IsBalanced);
        Assert.Equal(309, panel.Audit.UnitsPerCohort[0]);
        Assert.Equal(20, panel.Audit.UnitsPerCohort[2004]);
        Assert.Equal(40, panel.Audit.UnitsPerCohort[2006]);
        Assert.Equal(131, panel.Audit.UnitsPerCohort[2007]);
        Assert.Equal("8001", panel.UnitLabels[0]);
        // First data line of the file: county 8001, 2003, lemp 8.4614690426438752.
        Assert.Equal(8.4614690426438752, panel.Column("lemp").Span[panel.RowAt(0, 0)]);
        Assert.Equal(2007, panel.CohortOfUnit.Span[0]);
    }

    [Fact]
    public void ChineseHeadersTextIdsUnsortedRowsAndMissingValues()
    {
        var path = Csv("县,年份,门诊量,医保基金\n乙县,2021,3.5,1\n甲县,2020,1.5,2\n甲县,2021,NA,3\n乙县,2020,2.5,\n甲县,2019,0.5,4\n\n");
        var spec = new PanelSpec("县", "年份") { Numeric = ["门诊量", "医保基金"] };
        var panel = Panel.FromCsv(path, spec);
        Assert.Equal(5, panel.Audit.RowsRead);
        Assert.Equal(3, panel.RowCount);
        Assert.Equal(2, panel.Audit.RowsDropped);
        Assert.Equal(1, panel.Audit.DroppedByColumn["门诊量"]);
        Assert.Equal(1, panel.Audit.DroppedByColumn["医保基金"]);
        Assert.True(panel.Audit.Reordered);
        Assert.Equal(new[] { "乙县", "甲县" }, panel.UnitLabels); // ordinal order of the labels
        // Rows sorted by unit then time: 乙县 2021; 甲县 2019, 2020.
        Assert.Equal(new[] { 3.5, 0.5, 1.5 }, panel.Column("门诊量").ToArray());
        Assert.Equal(new[] { 2021.0, 2019, 2020 }, panel.Column("年份").ToArray());
        Assert.False(panel.IsBalanced);
        Assert.Equal(-1, panel.RowAt(0, 0));
        Assert.Equal(2, panel.RowAt(1, 1));
    }

    [Fact]
    public void MissingValuePolicyErrorNamesColumnAndLine()
    {
        var path = Csv("id,t,y\n1,1,2\n1,2,\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"], Missing = MissingValuePolicy.Error }));
        Assert.Contains("p.csv", ex.Message);
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("'y'", ex.Message);
    }

    [Fact]
    public void NonNumericCellNamesFileColumnLineAndValue()
    {
        var path = Csv("id,t,y\n1,1,2\n1,2,3,5\n2,1,abc\n", "bad.csv");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"] }));
        Assert.Equal("bad.csv: line 4, column 'y': cannot read 'abc' as a number (expected invariant-culture digits such as 12.5 or 1e-3; missing values as empty, NA, NaN or .).", ex.Message);
    }

    [Fact]
    public void CommaDecimalIsRejectedNotMisread()
    {
        var path = Csv("id,t,y\n1,1,\"2,5\"\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"] }));
        Assert.Contains("'\"2,5\"'", ex.Message);
    }

    [Fact]
    public void MissingColumnListsHeader()
    {
        var path = Csv("id,t,y\n1,1,2\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["outcome"] }));
        Assert.Contains("column 'outcome' not found", ex.Message);
        Assert.Contains("id, t, y", ex.Message);
    }

    [Fact]
    public void DuplicateUnitTimeNamesBothLines()
    {
        var path = Csv("id,t,y\n1,1,2\n2,1,2\n1,1,3\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"] }));
        Assert.Contains("duplicate unit-time row", ex.Message);
        Assert.Contains("line 2", ex.Message);
        Assert.Contains("line 4", ex.Message);
    }

    [Fact]
    public void MissingIdIsAnError()
    {
        var path = Csv("id,t,y\n1,1,2\n,2,2\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"] }));
        Assert.Contains("line 3", ex.Message);
        Assert.Contains("unit id column 'id' is missing", ex.Message);
    }

    [Fact]
    public void CohortChangingWithinUnitIsAnError()
    {
        var path = Csv("id,t,g\n1,1,0\n1,2,0\n2,1,2\n2,2,3\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Cohort = "g" }));
        Assert.Contains("cohort column 'g' changes within unit '2'", ex.Message);
        Assert.Contains("line 5", ex.Message);
    }

    [Fact]
    public void CohortBeforeFirstPeriodIsAnError()
    {
        var path = Csv("id,t,g\n1,2001,0\n1,2002,0\n2,2001,1999\n2,2002,1999\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Cohort = "g" }));
        Assert.Contains("before the first period 2001", ex.Message);
    }

    [Fact]
    public void TreatmentSwitchingOffFailsOnlyWhenAbsorbingIsRequired()
    {
        var path = Csv("id,t,d\n1,1,0\n1,2,1\n1,3,0\n2,1,0\n2,2,0\n2,3,0\n");
        var spec = new PanelSpec("id", "t") { Treatment = "d" };
        Assert.Equal(6, Panel.FromCsv(path, spec).RowCount);
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, spec with { RequireAbsorbingTreatment = true }));
        Assert.Contains("switches off for unit '1' at line 4", ex.Message);
    }

    [Fact]
    public void NoComparisonUnitsIsAnError()
    {
        var path = Csv("id,t,g\n1,1,2\n1,2,2\n2,1,2\n2,2,2\n");
        var ex = Assert.Throws<PanelDataException>(() => Panel.FromCsv(path, new PanelSpec("id", "t") { Cohort = "g" }));
        Assert.Contains("no untreated comparison units", ex.Message);
        var staggered = Csv("id,t,g\n1,1,2\n1,2,2\n2,1,3\n2,2,3\n", "s.csv");
        Assert.Equal(4, Panel.FromCsv(staggered, new PanelSpec("id", "t") { Cohort = "g" }).RowCount);
        var ex2 = Assert.Throws<PanelDataException>(() => Panel.FromCsv(staggered, new PanelSpec("id", "t") { Cohort = "g", Comparison = ComparisonRequirement.NeverTreated }));
        Assert.Contains("no never-treated units", ex2.Message);
    }

    private sealed record Obs(string County, int Year, double Y, int Cohort, string Province);

    [Fact]
    public void FromRecordsMatchesCsvAndDerivesTreatment()
    {
        var records = new[]
        {
            new Obs("b", 2, 4.0, 2, "P1"), new Obs("a", 1, 1.0, 0, "P1"), new Obs("a", 2, 2.0, 0, "P1"), new Obs("b", 1, 3.0, 2, "P2"),
        };
        var panel = Panel.FromRecords(records, new PanelSpec("County", "Year") { Numeric = ["Y"], Cohort = "Cohort", Factors = ["Province"] });
        Assert.True(panel.IsBalanced);
        Assert.Equal(new[] { 1.0, 2, 3, 4 }, panel.Column("Y").ToArray());
        Assert.Equal(new[] { 0.0, 0, 0, 1 }, panel.TreatmentFromCohort());
        Assert.Equal(new[] { 0, 0, 1, 0 }, panel.FactorCodes("Province").ToArray());
        Assert.Equal(new[] { "P1", "P2" }, panel.FactorLevels("Province"));
        var withD = panel.WithColumn("D", panel.TreatmentFromCohort());
        Assert.Equal(new[] { 0.0, 0, 0, 1 }, withD.Column("D").ToArray());
        Assert.False(panel.HasColumn("D")); // the original is unchanged
    }

    [Fact]
    public void FromColumnsNeverMutatesInputs()
    {
        var y = new[] { 2.0, 1.0 };
        var panel = Panel.FromColumns(new PanelSpec("id", "t") { Numeric = ["y"] },
            new Dictionary<string, Array> { ["id"] = new[] { 1, 1 }, ["t"] = new[] { 2, 1 }, ["y"] = y });
        Assert.Equal(new[] { 1.0, 2.0 }, panel.Column("y").ToArray());
        Assert.Equal(new[] { 2.0, 1.0 }, y);
    }

    [Fact]
    public void LargeFileParsedInParallelChunksMatchesValues()
    {
        // > 1 MiB so the reader splits into chunks; values are a known function of the line number.
        var sb = new System.Text.StringBuilder("id,t,y\n");
        int units = 12000, periods = 10;
        for (int u = 1; u <= units; u++)
            for (int t = 1; t <= periods; t++)
                sb.Append(u).Append(',').Append(t).Append(',').Append((u * 0.25 + t).ToString(System.Globalization.CultureInfo.InvariantCulture)).Append('\n');
        var panel = Panel.FromCsv(Csv(sb.ToString(), "big.csv"), new PanelSpec("id", "t") { Numeric = ["y"] });
        Assert.Equal(units * periods, panel.RowCount);
        Assert.True(panel.IsBalanced);
        var y = panel.Column("y").Span;
        for (int u = 0; u < units; u += 997)
            for (int t = 0; t < periods; t++)
                Assert.Equal((u + 1) * 0.25 + t + 1, y[panel.RowAt(u, t)]);
    }

    [Fact]
    public void SubsetKeepsNumericIdOrder()
    {
        var path = Csv("id,t,y\n10,1,1\n10,2,2\n9,1,3\n9,2,4\n100,1,5\n100,2,6\n");
        var panel = Panel.FromCsv(path, new PanelSpec("id", "t") { Numeric = ["y"] });
        Assert.Equal(new[] { "9", "10", "100" }, panel.UnitLabels);
        var sub = panel.Where(r => panel.TimeOf(r) == 2);
        Assert.Equal(new[] { "9", "10", "100" }, sub.UnitLabels);
        Assert.Equal(new[] { 4.0, 2, 6 }, sub.Column("y").ToArray());
    }
}
