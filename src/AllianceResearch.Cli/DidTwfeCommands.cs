using System.CommandLine;
using AllianceResearch.Data;
using AllianceResearch.Did;
using AllianceResearch.Econometrics;

namespace AllianceResearch.Cli;

/// <summary>`alliance did twfe|event`: fixed-effects DiD and event studies.</summary>
internal static class DidTwfeCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        parent.Subcommands.Add(CreateTwfe());
        parent.Subcommands.Add(CreateEvent());
    }

    private sealed record CommonOptions(
        Option<string> Data, Option<string> Y, Option<string> Unit, Option<string> Time, Option<string?> X,
        Option<string?> Cluster, Option<string?> VcovKind, Option<string?> Weights, Option<bool> Json);

    private static CommonOptions Common(Command command)
    {
        var o = new CommonOptions(
            new Option<string>("--data") { Description = "Panel CSV file (UTF-8, header row, invariant-culture numbers).", Required = true },
            new Option<string>("--y") { Description = "Outcome column.", Required = true },
            new Option<string>("--unit") { Description = "Unit id column (county, hospital).", Required = true },
            new Option<string>("--time") { Description = "Time column (integer periods for event studies).", Required = true },
            new Option<string?>("--x") { Description = "Covariate columns, comma-separated." },
            new Option<string?>("--cluster") { Description = "Cluster column(s), comma-separated (one or two). Default: the unit column." },
            new Option<string?>("--vcov") { Description = "iid | hetero | cluster. Default: cluster (by --cluster, else by unit)." },
            new Option<string?>("--weights") { Description = "Analytic weights column (positive)." },
            new Option<bool>("--json") { Description = "Print the result as JSON (schema: docs/cli-json.md)." });
        o.VcovKind.AcceptOnlyFromAmong("iid", "hetero", "cluster");
        foreach (var opt in new Option[] { o.Data, o.Y, o.Unit, o.Time, o.X, o.Cluster, o.VcovKind, o.Weights, o.Json }) command.Options.Add(opt);
        return o;
    }

    private static string[] List(string? text) =>
        text is null ? [] : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static Vcov ChooseVcov(string? kind, string[] cluster, string unit)
    {
        if (cluster.Length > 2) throw new ArgumentException($"--cluster takes one or two columns; got {cluster.Length}: {string.Join(", ", cluster)}.");
        switch (kind)
        {
            case "iid" or "hetero" when cluster.Length > 0:
                throw new ArgumentException($"--cluster {string.Join(",", cluster)} conflicts with --vcov {kind}; use --vcov cluster (or omit --vcov).");
            case "iid": return Vcov.Iid;
            case "hetero": return Vcov.Hetero;
            default:
                var cols = cluster.Length == 0 ? [unit] : cluster;
                return cols.Length == 1 ? Vcov.Cluster(cols[0]) : Vcov.TwoWayCluster(cols[0], cols[1]);
        }
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

    private static Command CreateTwfe()
    {
        var command = new Command("twfe",
            "Two-way fixed-effects DiD: y ~ treat + x | unit + time (or --fe), standard errors clustered by unit unless told otherwise.\n\n" +
            "Example:\n  alliance did twfe --data mpdta.csv --y lemp --unit countyreal --time year --treat D --cluster countyreal --json");
        var o = Common(command);
        var treat = new Option<string>("--treat") { Description = "Treatment indicator column (0/1).", Required = true };
        var fe = new Option<string?>("--fe") { Description = "Fixed effects, comma-separated (default: unit,time); a^b interacts two columns." };
        command.Options.Add(treat);
        command.Options.Add(fe);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return Guard(parse.InvocationConfiguration.Error, () =>
            {
                string unit = parse.GetValue(o.Unit)!, time = parse.GetValue(o.Time)!, y = parse.GetValue(o.Y)!, d = parse.GetValue(treat)!;
                var x = List(parse.GetValue(o.X));
                var cluster = List(parse.GetValue(o.Cluster));
                var fes = List(parse.GetValue(fe));
                if (fes.Length == 0) fes = [unit, time];
                var weights = parse.GetValue(o.Weights);
                var vcov = ChooseVcov(parse.GetValue(o.VcovKind), cluster, unit);
                var factors = cluster.Concat(fes.SelectMany(f => f.Split('^'))).Where(c => c != unit && c != time).Distinct().ToArray();
                var spec = new PanelSpec(unit, time)
                {
                    Numeric = [y, .. x],
                    Treatment = d,
                    Weights = weights,
                    Factors = factors,
                };
                var panel = Panel.FromCsv(parse.GetValue(o.Data)!, spec);
                var result = TwfeDid.Fit(panel, new TwfeSpec(y) { Treatment = d, Covariates = x, FixedEffects = fes, Vcov = vcov, Weights = weights });
                output.WriteLine(parse.GetValue(o.Json)
                    ? JsonOutput.ModelSummary(result, "twfe", result.VcovDescription, w => Notes(w, result, panel))
                    : panel.Audit + Environment.NewLine + result);
                return 0;
            });
        });
        return command;
    }

    private static void Notes(System.Text.Json.Utf8JsonWriter w, FeolsResult result, Panel panel)
    {
        w.WriteNumber("rows_dropped_missing", panel.Audit.RowsDropped);
        w.WriteNumber("singletons_removed", result.SingletonsRemoved);
        w.WriteStartArray("messages");
        foreach (var m in result.Messages) w.WriteStringValue(m);
        w.WriteEndArray();
    }

    private static Command CreateEvent()
    {
        var command = new Command("event",
            "TWFE event study from a cohort column (first treated period, 0 = never treated): relative-period dummies,\n" +
            "reference period --ref, optional --window with --bin, joint pre-trend test. Terms are named rel::k.\n\n" +
            "Example:\n  alliance did event --data mpdta.csv --y lemp --unit countyreal --time year --cohort first.treat --ref -1 --window -4,3 --json");
        var o = Common(command);
        var cohort = new Option<string>("--cohort") { Description = "Cohort column: first treated period, 0 = never treated.", Required = true };
        var reference = new Option<int>("--ref") { Description = "Reference relative period (default -1).", DefaultValueFactory = _ => -1 };
        var window = new Option<string?>("--window") { Description = "Relative-period window MIN,MAX, e.g. -5,5; rows outside are dropped unless --bin." };
        var bin = new Option<bool>("--bin") { Description = "Bin periods beyond the window into its endpoints instead of dropping them." };
        var comparison = new Option<string?>("--comparison") { Description = "never (default) | notyet: comparison group." };
        comparison.AcceptOnlyFromAmong("never", "notyet");
        foreach (var opt in new Option[] { cohort, reference, window, bin, comparison }) command.Options.Add(opt);
        command.SetAction(parse =>
        {
            var output = parse.InvocationConfiguration.Output;
            return Guard(parse.InvocationConfiguration.Error, () =>
            {
                string unit = parse.GetValue(o.Unit)!, time = parse.GetValue(o.Time)!, y = parse.GetValue(o.Y)!, g = parse.GetValue(cohort)!;
                var x = List(parse.GetValue(o.X));
                var cluster = List(parse.GetValue(o.Cluster));
                var weights = parse.GetValue(o.Weights);
                var vcov = ChooseVcov(parse.GetValue(o.VcovKind), cluster, unit);
                (int, int)? win = null;
                if (parse.GetValue(window) is { } wtext)
                {
                    var parts = List(wtext);
                    if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var lo)
                        || !int.TryParse(parts[1], System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var hi))
                        throw new ArgumentException($"--window must be two integers MIN,MAX such as -5,5; got '{wtext}'.");
                    win = (lo, hi);
                }
                var spec = new PanelSpec(unit, time)
                {
                    Numeric = [y, .. x],
                    Cohort = g,
                    Weights = weights,
                    Factors = cluster.Where(c => c != unit && c != time).Distinct().ToArray(),
                };
                var panel = Panel.FromCsv(parse.GetValue(o.Data)!, spec);
                var es = TwfeEventStudy.Fit(panel, new EventStudySpec(y)
                {
                    Reference = parse.GetValue(reference),
                    Window = win,
                    BinEndpoints = parse.GetValue(bin),
                    Comparison = parse.GetValue(comparison) == "notyet" ? EventStudyComparison.NotYetTreated : EventStudyComparison.NeverTreated,
                    Covariates = x,
                    Vcov = vcov,
                    Weights = weights,
                });
                output.WriteLine(parse.GetValue(o.Json)
                    ? JsonOutput.ModelSummary(es, "event_study", es.Regression.VcovDescription, w =>
                    {
                        w.WriteStartArray("reference_periods");
                        foreach (var r in es.ReferencePeriods) w.WriteNumberValue(r);
                        w.WriteEndArray();
                        if (es.PreTrendTest is { } t)
                        {
                            w.WriteStartObject("pretrend_test");
                            w.WriteNumber("f_statistic", t.FStatistic);
                            w.WriteNumber("df1", t.Restrictions);
                            w.WriteNumber("df2", t.DenominatorDf);
                            JsonOutput.Number(w, "p_value", t.FPValue);
                            w.WriteNumber("chi2", t.ChiSquare);
                            JsonOutput.Number(w, "chi2_p_value", t.ChiSquarePValue);
                            w.WriteEndObject();
                        }
                        else w.WriteNull("pretrend_test");
                        Notes(w, es.Regression, panel);
                    })
                    : panel.Audit + Environment.NewLine + es);
                return 0;
            });
        });
        return command;
    }
}
