using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using AllianceResearch.Data;
using AllianceResearch.Did.Staggered;
using AllianceResearch.Results;

namespace AllianceResearch.Cli;

/// <summary>`alliance did cs|sunab|imputation|bacon|placebo`: staggered-adoption estimators.</summary>
internal static class DidStaggeredCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        parent.Subcommands.Add(CreateCs());
        parent.Subcommands.Add(CreateSunab());
        parent.Subcommands.Add(CreateImputation());
        parent.Subcommands.Add(CreateBacon());
        parent.Subcommands.Add(CreatePlacebo());
    }

    private sealed record Common(Option<string> Data, Option<string> Y, Option<string> Unit, Option<string> Time, Option<string> Cohort, Option<bool> Json);

    private static Common AddCommon(Command command)
    {
        var c = new Common(
            new Option<string>("--data") { Description = "Panel CSV file (UTF-8, header row, invariant-culture numbers).", Required = true },
            new Option<string>("--y") { Description = "Outcome column.", Required = true },
            new Option<string>("--unit") { Description = "Unit id column (county, hospital).", Required = true },
            new Option<string>("--time") { Description = "Time column (numeric periods).", Required = true },
            new Option<string>("--cohort") { Description = "Cohort column: first treated period, 0 = never treated.", Required = true },
            new Option<bool>("--json") { Description = "Print the result as JSON (schema: docs/cli-json.md)." });
        foreach (var o in new Option[] { c.Data, c.Y, c.Unit, c.Time, c.Cohort, c.Json }) command.Options.Add(o);
        return c;
    }

    private static string[] List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static int[] IntList(string? text, string option) => List(text).Select(s =>
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v
            : throw new ArgumentException($"{option} takes integers separated by commas; '{s}' is not an integer.")).ToArray();

    private static Panel Load(ParseResult parse, Common c, IEnumerable<string> numeric, string? cluster = null)
    {
        string unit = parse.GetValue(c.Unit)!, time = parse.GetValue(c.Time)!;
        var spec = new PanelSpec(unit, time)
        {
            Numeric = numeric.Distinct().ToArray(),
            Cohort = parse.GetValue(c.Cohort),
            Factors = cluster is null || cluster == unit ? [] : [cluster],
            Comparison = ComparisonRequirement.None,
        };
        return Panel.FromCsv(parse.GetValue(c.Data)!, spec);
    }

    private static int Guard(TextWriter error, Func<int> body)
    {
        try { return body(); }
        catch (Exception ex) when (ex is PanelDataException or ArgumentException or KeyNotFoundException or InvalidOperationException)
        {
            error.WriteLine($"error: {ex.Message}");
            return 2;
        }
    }

    private static Command CreateCs()
    {
        var command = new Command("cs",
            "Callaway & Sant'Anna (2021) group-time ATTs and their aggregation, as R did's att_gt/aggte compute them.\n" +
            "Analytic influence-function standard errors, or a seeded multiplier bootstrap with uniform (sup-t) bands.\n\n" +
            "Examples:\n" +
            "  alliance did cs --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --aggregate dynamic\n" +
            "  alliance did cs --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat \\\n" +
            "      --control notyet --x lpop --method dr --aggregate group --bootstrap 999 --seed 42 --json");
        var c = AddCommon(command);
        var control = new Option<string>("--control") { Description = "never (default) | notyet: comparison units.", DefaultValueFactory = _ => "never" };
        control.AcceptOnlyFromAmong("never", "notyet");
        var x = new Option<string?>("--x") { Description = "Covariates, comma-separated (values from the earlier period of each comparison)." };
        var method = new Option<string>("--method") { Description = "dr (default) | ipw | reg: covariate adjustment.", DefaultValueFactory = _ => "dr" };
        method.AcceptOnlyFromAmong("dr", "ipw", "reg");
        var aggregate = new Option<string>("--aggregate") { Description = "simple (default) | group | calendar | dynamic.", DefaultValueFactory = _ => "simple" };
        aggregate.AcceptOnlyFromAmong("simple", "group", "calendar", "dynamic");
        var basePeriod = new Option<string>("--base") { Description = "varying (default) | universal base period.", DefaultValueFactory = _ => "varying" };
        basePeriod.AcceptOnlyFromAmong("varying", "universal");
        var anticipation = new Option<int>("--anticipation") { Description = "Periods of anticipation before adoption (default 0)." };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster column coarser than the unit (constant within unit). Default: unit." };
        var bootstrap = new Option<int?>("--bootstrap") { Description = "Multiplier-bootstrap draws (e.g. 999); adds uniform bands." };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the bootstrap (default 1).", DefaultValueFactory = _ => 1UL };
        var minE = new Option<int?>("--min-e") { Description = "Smallest event time (dynamic)." };
        var maxE = new Option<int?>("--max-e") { Description = "Largest event time (dynamic; also trims simple and group)." };
        var balanceE = new Option<int?>("--balance-e") { Description = "Keep cohorts observed at least this many periods after adoption (dynamic)." };
        foreach (var o in new Option[] { control, x, method, aggregate, basePeriod, anticipation, cluster, bootstrap, seed, minE, maxE, balanceE }) command.Options.Add(o);
        command.SetAction(parse => Guard(parse.InvocationConfiguration.Error, () =>
        {
            var output = parse.InvocationConfiguration.Output;
            var covariates = List(parse.GetValue(x));
            string y = parse.GetValue(c.Y)!;
            var clusterColumn = parse.GetValue(cluster);
            var panel = Load(parse, c, [y, .. covariates], clusterColumn);
            int? draws = parse.GetValue(bootstrap);
            if (draws is < 10) throw new ArgumentException($"--bootstrap needs at least 10 draws; got {draws}.");
            var spec = new CallawaySantAnnaSpec(y, covariates,
                parse.GetValue(control) == "notyet" ? ComparisonGroup.NotYetTreated : ComparisonGroup.NeverTreated,
                parse.GetValue(method) switch { "ipw" => CovariateMethod.InverseProbabilityWeighting, "reg" => CovariateMethod.OutcomeRegression, _ => CovariateMethod.DoublyRobust },
                parse.GetValue(basePeriod) == "universal" ? BasePeriod.Universal : BasePeriod.Varying,
                parse.GetValue(anticipation), clusterColumn,
                Bootstrap: draws is int b ? new BootstrapSpec(b, parse.GetValue(seed)) : null);
            var result = StaggeredDid.CallawaySantAnna(panel, spec);
            var type = parse.GetValue(aggregate) switch
            {
                "group" => AggregationType.Group,
                "calendar" => AggregationType.Calendar,
                "dynamic" => AggregationType.Dynamic,
                _ => AggregationType.Simple,
            };
            var agg = result.Aggregate(new AggregationSpec(type, parse.GetValue(minE), parse.GetValue(maxE), parse.GetValue(balanceE)));
            string vcov = (draws is int d ? $"multiplier bootstrap ({d} draws, seed {parse.GetValue(seed)}), " : "influence function, ") +
                          $"cluster({clusterColumn ?? parse.GetValue(c.Unit)})";
            if (parse.GetValue(c.Json))
            {
                output.WriteLine(JsonOutput.ModelSummary(agg, "callaway_santanna", vcov, w =>
                {
                    w.WriteStartArray("att_gt");
                    foreach (var e in result.GroupTime)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("group", e.Group);
                        w.WriteNumber("time", e.Time);
                        JsonOutput.Number(w, "att", e.Att);
                        JsonOutput.Number(w, "std_error", e.StdError);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartObject("aggregate");
                    w.WriteString("type", type.ToString().ToLowerInvariant());
                    JsonOutput.Number(w, "att", agg.Att);
                    JsonOutput.Number(w, "std_error", agg.StdError);
                    JsonOutput.Number(w, "critical_value", agg.CriticalValue);
                    w.WriteBoolean("uniform_band", agg.UniformBand);
                    w.WriteStartArray("components");
                    foreach (var k in agg.Components)
                    {
                        w.WriteStartObject();
                        w.WriteNumber(agg.KeyName, k.Key);
                        JsonOutput.Number(w, "att", k.Att);
                        JsonOutput.Number(w, "std_error", k.StdError);
                        JsonOutput.Number(w, "ci_low", k.CiLow);
                        JsonOutput.Number(w, "ci_high", k.CiHigh);
                        if (agg.UniformBand)
                        {
                            JsonOutput.Number(w, "uniform_low", k.UniformLow);
                            JsonOutput.Number(w, "uniform_high", k.UniformHigh);
                        }
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteEndObject();
                    if (result.PreTest is { } pt)
                    {
                        w.WriteStartObject("pretrend_test");
                        JsonOutput.Number(w, "chi2", pt.Statistic);
                        w.WriteNumber("df", pt.DegreesOfFreedom);
                        JsonOutput.Number(w, "p_value", pt.PValue);
                        if (pt.Clusters is int g) w.WriteNumber("clusters", g);
                        JsonOutput.Number(w, "f_statistic", pt.FStatistic);
                        JsonOutput.Number(w, "f_p_value", pt.FPValue);
                        w.WriteEndObject();
                    }
                    else w.WriteNull("pretrend_test");
                    Notes(w, result.Notes);
                }));
            }
            else output.WriteLine(panel.Audit + Environment.NewLine + result + Environment.NewLine + Environment.NewLine + agg);
            return 0;
        }));
        return command;
    }

    private static void Notes(Utf8JsonWriter w, IEnumerable<string> notes)
    {
        w.WriteStartArray("messages");
        foreach (var m in notes) w.WriteStringValue(m);
        w.WriteEndArray();
    }

    private static Command CreateSunab()
    {
        var command = new Command("sunab",
            "Sun & Abraham (2021) interaction-weighted event study (fixest's sunab): cohort × relative-period effects\n" +
            "aggregated by relative period, with the overall ATT; clustered standard errors with fixest's corrections.\n" +
            "Terms: rel::k for relative period k, and ATT.\n\n" +
            "Example:\n  alliance did sunab --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --json");
        var c = AddCommon(command);
        var reference = new Option<int>("--ref") { Description = "Reference relative period (default -1).", DefaultValueFactory = _ => -1 };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster column (default: unit)." };
        command.Options.Add(reference);
        command.Options.Add(cluster);
        command.SetAction(parse => Guard(parse.InvocationConfiguration.Error, () =>
        {
            string y = parse.GetValue(c.Y)!;
            var panel = Load(parse, c, [y], parse.GetValue(cluster));
            var r = StaggeredDid.SunAbraham(panel, new SunAbrahamSpec(y, parse.GetValue(reference), parse.GetValue(cluster)));
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(c.Json)
                ? JsonOutput.ModelSummary(r, "sun_abraham", r.Regression.VcovDescription, w =>
                {
                    Coefficients(w, "cohorts", r.Cohorts);
                    Coefficients(w, "interactions", r.Interactions);
                })
                : panel.Audit + Environment.NewLine + r);
            return 0;
        }));
        return command;
    }

    private static void Coefficients(Utf8JsonWriter w, string name, IEnumerable<CoefficientEstimate> list)
    {
        w.WriteStartArray(name);
        foreach (var e in list) JsonOutput.Coefficient(w, e);
        w.WriteEndArray();
    }

    private static Command CreateImputation()
    {
        var command = new Command("imputation",
            "Borusyak, Jaravel & Spiess (2024) imputation estimator (R didimputation): overall ATT, or effects by horizon,\n" +
            "with their standard errors, and the pre-trend test on untreated cells. Terms: treat (overall) or rel::k.\n\n" +
            "Examples:\n  alliance did imputation --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat\n" +
            "  alliance did imputation --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --horizons all --pretrends -3,-2,-1 --json");
        var c = AddCommon(command);
        var horizons = new Option<string?>("--horizons") { Description = "all, or event times ≥ 0 comma-separated; omit for the overall ATT." };
        var pretrends = new Option<string?>("--pretrends") { Description = "Negative event times to test, comma-separated (e.g. -3,-2,-1)." };
        var cluster = new Option<string?>("--cluster") { Description = "Cluster column (default: unit)." };
        foreach (var o in new Option[] { horizons, pretrends, cluster }) command.Options.Add(o);
        command.SetAction(parse => Guard(parse.InvocationConfiguration.Error, () =>
        {
            string y = parse.GetValue(c.Y)!;
            var panel = Load(parse, c, [y], parse.GetValue(cluster));
            var h = parse.GetValue(horizons);
            IReadOnlyList<int>? hs = h is null ? null : h.Trim() == "all" ? [] : IntList(h, "--horizons");
            var pre = parse.GetValue(pretrends) is { } p ? IntList(p, "--pretrends") : null;
            var r = StaggeredDid.Imputation(panel, new ImputationSpec(y, hs, pre, parse.GetValue(cluster)));
            var json = r with { Effects = r.Effects.Select(e => e.Term == "treat" ? e : e with { Term = "rel::" + e.Term }).ToArray() };
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(c.Json)
                ? JsonOutput.ModelSummary(json, "imputation", $"cluster({parse.GetValue(cluster) ?? parse.GetValue(c.Unit)}), {r.Clusters} clusters", w =>
                {
                    if (r.PreTrend is { } t)
                    {
                        w.WriteStartObject("pretrend_test");
                        Coefficients(w, "coefficients", t.Coefficients.Select(e => e with { Term = "rel::" + e.Term }));
                        JsonOutput.Number(w, "chi2", t.WaldStatistic);
                        w.WriteNumber("df", t.DegreesOfFreedom);
                        JsonOutput.Number(w, "chi2_p_value", t.ChiSquarePValue);
                        JsonOutput.Number(w, "f_statistic", t.FStatistic);
                        JsonOutput.Number(w, "p_value", t.FPValue);
                        w.WriteEndObject();
                    }
                    else w.WriteNull("pretrend_test");
                })
                : panel.Audit + Environment.NewLine + r);
            return 0;
        }));
        return command;
    }

    private static Command CreateBacon()
    {
        var command = new Command("bacon",
            "Goodman-Bacon (2021) decomposition of the TWFE DiD coefficient into every 2×2 comparison (treated vs never,\n" +
            "earlier vs later, later vs earlier-treated) with estimates and weights (R bacondecomp). Balanced panels.\n\n" +
            "Example:\n  alliance did bacon --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --json");
        var c = AddCommon(command);
        command.SetAction(parse => Guard(parse.InvocationConfiguration.Error, () =>
        {
            string y = parse.GetValue(c.Y)!;
            var panel = Load(parse, c, [y]);
            var d = StaggeredDid.GoodmanBacon(panel, y);
            var summary = new BaconSummary(d, panel.RowCount);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(c.Json)
                ? JsonOutput.ModelSummary(summary, "bacon", "none", w =>
                {
                    JsonOutput.Number(w, "twfe_coefficient", d.TwfeCoefficient);
                    w.WriteStartArray("comparisons");
                    foreach (var k in d.Comparisons)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("treated", k.Treated);
                        if (double.IsPositiveInfinity(k.Control)) w.WriteNull("control"); else w.WriteNumber("control", k.Control);
                        w.WriteString("type", k.TypeLabel);
                        JsonOutput.Number(w, "estimate", k.Estimate);
                        JsonOutput.Number(w, "weight", k.Weight);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                    w.WriteStartArray("summary");
                    foreach (var s in d.Summary)
                    {
                        w.WriteStartObject();
                        w.WriteString("type", new BaconTwoByTwo(0, 0, s.Type, 0, 0).TypeLabel);
                        w.WriteNumber("comparisons", s.Comparisons);
                        JsonOutput.Number(w, "weight", s.Weight);
                        JsonOutput.Number(w, "average_estimate", s.AverageEstimate);
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                })
                : panel.Audit + Environment.NewLine + d);
            return 0;
        }));
        return command;
    }

    /// <summary>The decomposition seen as a one-coefficient model: the TWFE estimate it decomposes.</summary>
    private sealed record BaconSummary(BaconDecomposition D, long Rows) : IModelSummary
    {
        public string ModelName => "Goodman-Bacon";
        public string Outcome => D.Outcome;
        public IReadOnlyList<CoefficientEstimate> Coefficients =>
            [new("D", D.WeightedSum, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN)];
        public long Observations => Rows;
        public double? RSquared => null;
        public double? WithinRSquared => null;
        public IReadOnlyList<KeyValuePair<string, string>> Footer => [];
    }

    private static Command CreatePlacebo()
    {
        var command = new Command("placebo",
            "Randomisation-inference placebo test: reassign adoption dates across units N times (seeded), re-estimate,\n" +
            "and report the placebo distribution and the p-value (1 + #|placebo| ≥ |observed|)/(1 + N).\n\n" +
            "Example:\n  alliance did placebo --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --draws 999 --seed 7 --json");
        var c = AddCommon(command);
        var draws = new Option<int>("--draws") { Description = "Number of placebo reassignments (default 500).", DefaultValueFactory = _ => 500 };
        var seed = new Option<ulong>("--seed") { Description = "Seed (default 1).", DefaultValueFactory = _ => 1UL };
        var statistic = new Option<string>("--statistic") { Description = "twfe (default) | cs: TWFE coefficient or Callaway–Sant'Anna simple ATT.", DefaultValueFactory = _ => "twfe" };
        statistic.AcceptOnlyFromAmong("twfe", "cs");
        foreach (var o in new Option[] { draws, seed, statistic }) command.Options.Add(o);
        command.SetAction(parse => Guard(parse.InvocationConfiguration.Error, () =>
        {
            string y = parse.GetValue(c.Y)!;
            var panel = Load(parse, c, [y]);
            var r = StaggeredDid.Placebo(panel, new PlaceboSpec(y, parse.GetValue(draws), parse.GetValue(seed),
                parse.GetValue(statistic) == "cs" ? PlaceboStatistic.CallawaySantAnnaSimple : PlaceboStatistic.Twfe));
            var model = new PlaceboSummary(r, panel.RowCount);
            parse.InvocationConfiguration.Output.WriteLine(parse.GetValue(c.Json)
                ? JsonOutput.ModelSummary(model, "placebo", "randomisation", w =>
                {
                    w.WriteString("statistic", r.Statistic == PlaceboStatistic.Twfe ? "twfe" : "cs_simple");
                    w.WriteNumber("seed", r.Seed);
                    JsonOutput.Number(w, "placebo_mean", r.PlaceboMean);
                    JsonOutput.Number(w, "placebo_sd", r.PlaceboStdDev);
                    w.WriteStartArray("placebo");
                    foreach (var v in r.Placebo) w.WriteNumberValue(v);
                    w.WriteEndArray();
                })
                : panel.Audit + Environment.NewLine + r);
            return 0;
        }));
        return command;
    }

    private sealed record PlaceboSummary(PlaceboResult R, long Rows) : IModelSummary
    {
        public string ModelName => "Placebo";
        public string Outcome => R.Outcome;
        public IReadOnlyList<CoefficientEstimate> Coefficients =>
            [new("observed", R.Observed, R.PlaceboStdDev, R.Observed / R.PlaceboStdDev, R.PValue, double.NaN, double.NaN)];
        public long Observations => Rows;
        public double? RSquared => null;
        public double? WithinRSquared => null;
        public IReadOnlyList<KeyValuePair<string, string>> Footer => [];
    }
}
