using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;
using AllianceResearch.Results;

namespace AllianceResearch.Tests.Presentation;

/// <summary>
/// One figure per chart kind, shared by the well-formedness, golden and browser tests. The numbers are
/// illustrative inputs for drawing (nothing here is an estimate); Chinese labels exercise CJK layout.
/// </summary>
internal static class ChartSamples
{
    public static IReadOnlyList<EventTimeEstimate> EventStudyRows()
    {
        var rows = new List<EventTimeEstimate>();
        foreach (var (name, shift) in new[] { ("TWFE", 0.0), ("Callaway–Sant'Anna", 0.05), ("Sun–Abraham", -0.03) })
        {
            for (var e = -5; e <= 5; e++)
            {
                if (e == -1) { rows.Add(new EventTimeEstimate(name, e, 0, double.NaN, double.NaN, double.NaN)); continue; }
                var est = e < 0 ? 0.02 * Math.Sin(e + shift * 10) : 0.12 + 0.05 * e + shift;
                var se = 0.035 + 0.004 * Math.Abs(e);
                rows.Add(new EventTimeEstimate(name, e, est, se, est - 1.96 * se, est + 1.96 * se, est - 2.8 * se, est + 2.8 * se));
            }
        }
        return rows;
    }

    public sealed record Model(string ModelName, string Outcome, IReadOnlyList<CoefficientEstimate> Coefficients, long Observations,
        double? RSquared, double? WithinRSquared, IReadOnlyList<KeyValuePair<string, string>> Footer) : IModelSummary;

    public static IReadOnlyList<IModelSummary> Models() =>
    [
        new Model("TWFE", "ln_cost", [
            new("D", -0.0812, 0.0215, -3.777, 0.0002, -0.1233, -0.0391),
            new("ln_pop", 0.2310, 0.1102, 2.096, 0.0361, 0.0150, 0.4470)], 1800, 0.912, 0.134,
            [new("County FE", "Yes"), new("Year FE", "Yes")]),
        new Model("Callaway–Sant'Anna", "ln_cost", [
            new("D", -0.0954, 0.0301, -3.169, 0.0015, -0.1544, -0.0364)], 1800, null, null,
            [new("County FE", "Yes"), new("Year FE", "Yes")]),
        new Model("Imputation", "ln_cost", [
            new("D", -0.0901, 0.0402, -2.241, 0.0250, -0.1689, -0.0113),
            new("ln_pop", 0.1980, 0.1300, 1.523, 0.1277, -0.0568, 0.4528)], 1750, 0.905, null,
            [new("County FE", "Yes")]),
    ];

    public static Figure Line() =>
        Figure.Create(640, 400).Title("Inpatient cost per case, 2015–2022").Subtitle("Illustrative series with 95% bands")
            .Caption("Source: illustrative numbers for layout tests.")
            .Panel(p => p
                .Ribbon([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022], [5.1, 5.3, 5.6, 5.8, 5.7, 5.5, 5.4, 5.2], [5.5, 5.8, 6.1, 6.3, 6.2, 6.0, 5.9, 5.7], series: "Alliance counties")
                .Line([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022], [5.3, 5.55, 5.85, 6.05, 5.95, 5.75, 5.65, 5.45], "Alliance counties", markers: true)
                .Line([2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022], [5.2, 5.5, 5.8, 6.1, 6.4, 6.6, 6.9, 7.1], "Comparison counties", markers: true)
                .VLine(2018.5, "Reform")
                .XAxis(a => a with { IntegerTicks = true, TickStep = 1 })
                .XLabel("Year").YLabel("Cost per case (thousand yuan)").YFormat(NumberFormat.Yuan(1)));

    public static Figure Scatter() =>
        Figure.Create(560, 400).Title("Primary-care visit share vs. budget per capita")
            .Panel(p => p
                .Scatter([310, 420, 515, 620, 700, 830, 905, 1010], [0.48, 0.52, 0.55, 0.61, 0.58, 0.66, 0.69, 0.72], "Zhejiang")
                .Scatter([280, 350, 460, 540, 610, 690], [0.41, 0.45, 0.47, 0.50, 0.56, 0.54], "Anhui")
                .XLabel("Budget per capita").XFormat(NumberFormat.Yuan(0))
                .YLabel("基层就诊率").YFormat(NumberFormat.Percent(0)));

    public static Figure BarsGrouped() =>
        Figure.Create(640, 400).Title("医保基金支出增速（%）").Subtitle("Grouped bars, Chinese category labels")
            .Panel(p => p
                .Bar(["德清县", "安吉县", "尤溪县", "祥云县", "赣榆区"], [8.2, 6.5, 9.1, 7.4, 5.9], "2019")
                .Bar(["德清县", "安吉县", "尤溪县", "祥云县", "赣榆区"], [5.1, 4.2, 7.7, 4.9, 4.4], "2020")
                .YLabel("Growth (%)").YFormat(NumberFormat.PercentPoints(0)));

    public static Figure BarsStackedHorizontal() =>
        Figure.Create(640, 360).Title("Fund settlement by component")
            .Panel(p => p
                .Bar(["Alliance A", "Alliance B", "Alliance C"], [820, 640, 910], "Fund payment", orientation: Orientation.Horizontal)
                .Bar(["Alliance A", "Alliance B", "Alliance C"], [60, 35, -20], "Retained surplus", orientation: Orientation.Horizontal)
                .Bar(["Alliance A", "Alliance B", "Alliance C"], [0, 12, 45], "Shared overrun", orientation: Orientation.Horizontal)
                .Bars(BarMode.Stacked).XLabel("Amount (10,000 yuan)").XFormat(NumberFormat.Thousands()))
            .Legend(LegendPosition.Bottom);

    public static Figure EventStudy() => Charts.EventStudy(EventStudyRows(), new EventStudyOptions { Title = "Event study: log cost per case", Subtitle = "Three estimators, pointwise and uniform 95% intervals" });

    public static Figure EventStudyBands() => Charts.EventStudy(EventStudyRows().Where(r => r.Estimator != "Sun–Abraham"),
        new EventStudyOptions { Title = "Event study (bands)", Intervals = IntervalStyle.Band });

    public static Figure Coefficients() => Charts.Coefficients(Models(), new CoefficientPlotOptions
    {
        Title = "Reform effect across estimators",
        Labels = new Dictionary<string, string> { ["D"] = "改革 × 实施后 (D)", ["ln_pop"] = "ln population" },
    });

    public static Figure Forest() => Charts.Forest(
    [
        new("基金运行 Fund operation", "医保基金支出增长率", -0.042, -0.071, -0.013),
        new("基金运行 Fund operation", "结余留用金额", 0.085, 0.031, 0.139),
        new("费用控制 Cost control", "次均住院费用", -0.061, -0.094, -0.028),
        new("费用控制 Cost control", "药占比", -0.023, -0.048, 0.002),
        new("就医流向 Patient flow", "县域内就诊率", 0.034, 0.012, 0.056),
        new("就医流向 Patient flow", "基层就诊率", 0.051, 0.020, 0.082),
    ], new ForestOptions { Title = "Effects by evaluation dimension", XLabel = "Standardised effect", XFormat = NumberFormat.Fixed(2) });

    public static Figure Dumbbell() => Charts.Dumbbell(
    [
        new("县域内就诊率", 0.85, 0.90),
        new("基层就诊率", 0.62, 0.66),
        new("住院实际补偿比", 0.58, 0.61),
        new("自付费用占比", 0.31, 0.28),
    ], "2019", "2020", new DumbbellOptions { Title = "Monitoring indicators, 2019 → 2020", XFormat = NumberFormat.Percent(0) });

    public static Figure Heatmap() => Charts.Heatmap(
        ["浙江 Zhejiang", "安徽 Anhui", "福建 Fujian", "云南 Yunnan", "江苏 Jiangsu"],
        ["Fund", "Cost", "Flow", "Comp.", "Burden", "Satisf.", "Quality"],
        new double[,]
        {
            { 3, 2, 3, 1, 2, 1, 2 },
            { 2, 3, 2, 0, 1, 1, 1 },
            { 2, 2, 1, 1, 1, 0, 1 },
            { 1, 1, 1, 1, 0, 0, 2 },
            { 1, 0, 1, double.NaN, 0, 0, 1 },
        },
        new HeatmapOptions { Title = "Evidence count by province and dimension", LegendTitle = "Studies", CellFormat = NumberFormat.Fixed(0) });

    public static Figure Histogram() =>
        Charts.Histogram(Enumerable.Range(0, 500).Select(i => 0.03 * Math.Sqrt(-2 * Math.Log((i + 0.5) / 500.0)) * Math.Cos(2 * Math.PI * ((i * 0.618034) % 1))),
            -0.0812, new HistogramOptions { Title = "Placebo distribution of the DiD estimate", XLabel = "Placebo estimate", Bins = 30 });

    public static Figure Waterfall() => Charts.Waterfall(
    [
        WaterfallStep.Start("Budget", 10000m),
        WaterfallStep.Change("Actual spending below budget", -820m),
        WaterfallStep.Total("Fund payment"),
        WaterfallStep.Change("Retained surplus", 574m),
        WaterfallStep.Change("Shared overrun", 0m),
        WaterfallStep.Total("Alliance income"),
    ], new WaterfallOptions { Title = "How a global budget settles", YLabel = "10,000 yuan", Format = NumberFormat.Thousands(0) });

    public static Figure SmallMultiples() => Charts.SmallMultiples(
        Enumerable.Range(0, 4).SelectMany(c => Enumerable.Range(2015, 8).Select(y => (County: $"County {(char)('A' + c)}", Year: y, Value: 50 + 3 * c + (y - 2015) * (1.5 - 0.4 * c)))),
        r => r.County,
        (p, rows) => p.Line(rows.Select(r => (double)r.Year), rows.Select(r => r.Value), "Outpatient visits", markers: true).XAxis(a => a with { IntegerTicks = true }),
        new ChartOptions { Title = "Small multiples share axes", Width = 720 });

    public static FlowDiagram Flow() => FlowDiagram.Prisma(
    [
        new PrismaStage("Records identified (CNKI, PubMed)", 129),
        new PrismaStage("Records screened on title and abstract", 60, "Excluded on title/abstract", 69),
        new PrismaStage("Full texts assessed", 20, "Excluded after full text", 40),
        new PrismaStage("Studies included", 9, "Excluded: criteria not met", 11),
    ], new ChartOptions { Title = "Screening flow (illustrative counts between 129 and 9)" });

    public static Figure Greyscale() => EventStudy().Greyscale().Title("Event study, greyscale print version");

    public static Figure GreyscaleBars() => BarsStackedHorizontal().Greyscale().Title("Stacked bars, greyscale print version");

    public static IReadOnlyList<(string Name, ISvgRenderable Chart)> All() =>
    [
        ("line", Line()), ("scatter", Scatter()), ("bars-grouped", BarsGrouped()), ("bars-stacked-horizontal", BarsStackedHorizontal()),
        ("event-study", EventStudy()), ("event-study-bands", EventStudyBands()), ("coefficients", Coefficients()), ("forest", Forest()),
        ("dumbbell", Dumbbell()), ("heatmap", Heatmap()), ("histogram", Histogram()), ("waterfall", Waterfall()),
        ("small-multiples", SmallMultiples()), ("flow", Flow()), ("greyscale", Greyscale()), ("greyscale-bars", GreyscaleBars()),
    ];
}
