using System.Globalization;
using AllianceResearch.Indicators;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Literature;

/// <summary>
/// The review's figures rebuilt from the evidence base with the library's chart API: the screening
/// flow, the region × dimension evidence heatmap, the pilots' 2019 → 2020 dumbbell and the four
/// communities' bars. Each caption names the passage it reproduces.
/// </summary>
public static class LiteratureCharts
{
    /// <summary>PRISMA-style screening flow of document 000 (counts the text does not give print as "not reported").</summary>
    public static FlowDiagram ScreeningFlow(EvidenceBase evidence)
    {
        int? Count(string stage) => evidence.Screening.Single(s => s.Stage == stage).Records;
        var stages = new[]
        {
            new PrismaStage("Records identified in CNKI and PubMed (inception to 2021-10-30)", Count("Records identified in CNKI and PubMed")),
            new PrismaStage("Records kept after title, keyword and abstract screening", null, "Excluded on title, keywords or abstract", Count("Records excluded at title/keyword/abstract screening")),
            new PrismaStage("Studies included: Chinese, qualitative; 6 provinces, 9 regions", Count("Studies included"), "Excluded on full text", Count("Full texts excluded")),
        };
        var derived = evidence.Screening.Single(s => s.Stage == "Records excluded in total");
        return FlowDiagram.Prisma(stages, new ChartOptions
        {
            Title = "Screening flow of the review (document 000)",
            Caption = $"Source: 000_e46dd8698a166df8.txt, search and screening paragraphs. Intermediate counts are not reported; " +
                      $"{derived.Records?.ToString(CultureInfo.InvariantCulture)} records were excluded in total (derived: 129 − 9).",
        });
    }

    /// <summary>
    /// Heatmap of the evidence map: −1 = improved, 0 = stable and high, +1 = worsened, ±0 shaded lightly for
    /// "reported without a direction"; blank where the text says nothing.
    /// </summary>
    public static Figure EvidenceHeatmap(EvidenceBase evidence)
    {
        var rowIds = new List<(string Id, string Label)> { ("ALL", "All 9 regions (review summary)") };
        rowIds.AddRange(evidence.Regions.Select(r => (r.Id, LiteratureComparisons.RegionLabel(r))));
        var dims = EvaluationDimensions.All;
        var values = new double[rowIds.Count, dims.Count];
        for (var i = 0; i < rowIds.Count; i++)
        {
            for (var j = 0; j < dims.Count; j++)
            {
                var cell = evidence.RegionDimensionEvidence.FirstOrDefault(e => e.RegionId == rowIds[i].Id && e.Dimension == dims[j]);
                values[i, j] = cell is null ? double.NaN : cell.Direction switch
                {
                    "improved" => -1,
                    "worsened" => 1,
                    "stable high" => 0,
                    _ => -0.25,
                };
            }
        }
        return Charts.Heatmap(rowIds.Select(r => r.Label).ToList(), dims.Select(d => d.EnglishName()).ToList(), values, new HeatmapOptions
        {
            Title = "Evidence map: regions × the seven dimensions (document 000)",
            Subtitle = "blue = improved, white = stable and high, red = worsened, pale blue = reported without a direction, grey = nothing in the text",
            Caption = "Source: 000_e46dd8698a166df8.txt, effect-evaluation paragraph and section 2.3.1. Table 2's body is not in the text, so most region cells stay empty.",
            Scale = ColorScale.Diverging,
            Limits = (-1, 1),
            CellFormat = null,
            LegendTitle = "−1 improved … +1 worsened",
            Width = 900,
        });
    }

    /// <summary>Dumbbell chart of the pilots' percentage indicators, 2019 → 2020 (document 002); derived 2019 values are marked.</summary>
    public static Figure MonitoringDumbbell(EvidenceBase evidence)
    {
        var rows = evidence.MonitoringOutcomes
            .Where(o => o.Unit == "%" && o.Value2019 is not null)
            .Select(o => new DumbbellRow($"{o.IndicatorId} {o.NameEn}{(o.Status2019 == FigureStatus.Derived ? " (2019 derived)" : "")}",
                (double)o.Value2019!.Value, (double)o.Value2020))
            .ToList();
        return Charts.Dumbbell(rows, "2019", "2020", new DumbbellOptions
        {
            Title = "Pilot counties' monitored indicators, 2019 → 2020 (document 002)",
            Caption = "Source: 002_14a4fbf448a5212e.txt. Where the report gives only the 2020 value and the change, 2019 = 2020 − change (marked derived). Percentage indicators only.",
            XLabel = "% (pilot-county average)",
            XFormat = NumberFormat.Fixed(1),
            Width = 900,
        });
    }

    /// <summary>The four communities: share of pilots meeting each item in 2020, with 2019 (derived) where the change is stated.</summary>
    public static Figure CommunityBars(EvidenceBase evidence)
    {
        var items = evidence.Communities.Select(c => ($"{c.CommunityEn}: {c.Item}", c)).ToList();
        var withChange = items.Where(x => x.c.Share2019 is not null).ToList();
        return Figure.Create(900, 520)
            .Title("The four communities: share of pilot counties meeting each standard (document 002)")
            .Caption("Source: 002_14a4fbf448a5212e.txt. 2019 = 2020 − stated change (derived); the service community's items have no stated change.")
            .Panel(p => p
                .YCategories(items.Select(x => x.Item1))
                .Bar(withChange.Select(x => x.Item1), withChange.Select(x => (double)x.c.Share2019!.Value), "2019 (derived)", orientation: Orientation.Horizontal)
                .Bar(items.Select(x => x.Item1), items.Select(x => (double)x.c.Share2020), "2020", orientation: Orientation.Horizontal)
                .XLabel("% of pilot counties")
                .XLimits(0, 100));
    }
}
