using AllianceResearch.Presentation.Charts;
using AllianceResearch.Results;

namespace AllianceResearch.Presentation.Tables;

/// <summary>Fixed wording of regression tables, in English, Chinese or both.</summary>
/// <param name="Observations">Row label for N.</param>
/// <param name="RSquared">Row label for R².</param>
/// <param name="WithinRSquared">Row label for within R².</param>
/// <param name="Outcome">Label of the outcome header row.</param>
/// <param name="StandardErrorNote">Note explaining the parentheses.</param>
/// <param name="StarNote">Note explaining the stars; {0}, {1}, {2} are the three levels.</param>
public sealed record TableLabels(string Observations, string RSquared, string WithinRSquared, string Outcome, string StandardErrorNote, string StarNote)
{
    /// <summary>English wording.</summary>
    public static TableLabels English { get; } = new("Observations", "R\u00B2", "Within R\u00B2", "Outcome",
        "Standard errors in parentheses.", "* p < {0}, ** p < {1}, *** p < {2}.");

    /// <summary>Chinese wording (简体中文).</summary>
    public static TableLabels Chinese { get; } = new("观测值", "R\u00B2", "组内 R\u00B2", "被解释变量",
        "括号内为标准误。", "* p < {0}，** p < {1}，*** p < {2}。");

    /// <summary>Both, Chinese first then English, for bilingual reports.</summary>
    public static TableLabels Bilingual { get; } = new("观测值 Observations", "R\u00B2", "组内 R\u00B2 Within R\u00B2", "被解释变量 Outcome",
        "括号内为标准误 (standard errors in parentheses).", "* p < {0}, ** p < {1}, *** p < {2}.");
}

/// <summary>Options for <see cref="RegressionTable.Create"/>.</summary>
public sealed record RegressionTableOptions
{
    /// <summary>Decimal places of estimates and standard errors.</summary>
    public int Decimals { get; init; } = 3;

    /// <summary>Decimal places of R².</summary>
    public int RSquaredDecimals { get; init; } = 3;

    /// <summary>Append significance stars to estimates.</summary>
    public bool Stars { get; init; } = true;

    /// <summary>The three star thresholds (one, two and three stars), descending.</summary>
    public IReadOnlyList<double> StarLevels { get; init; } = [0.10, 0.05, 0.01];

    /// <summary>Terms to show, in order; null shows every term in first-seen order.</summary>
    public IReadOnlyList<string>? Terms { get; init; }

    /// <summary>Display labels for terms and footer keys (e.g. "D" → "处理 × 改革后").</summary>
    public IReadOnlyDictionary<string, string>? Dictionary { get; init; }

    /// <summary>Fixed wording (English, Chinese, bilingual).</summary>
    public TableLabels Labels { get; init; } = TableLabels.English;

    /// <summary>Show a row with each model's outcome.</summary>
    public bool ShowOutcome { get; init; } = true;

    /// <summary>Show N.</summary>
    public bool ShowObservations { get; init; } = true;

    /// <summary>Show R² where any model has it.</summary>
    public bool ShowRSquared { get; init; } = true;

    /// <summary>Show within R² where any model has it.</summary>
    public bool ShowWithinRSquared { get; init; } = true;

    /// <summary>Number columns "(1)", "(2)" above the model names.</summary>
    public bool NumberColumns { get; init; } = true;

    /// <summary>Table title.</summary>
    public string? Title { get; init; }

    /// <summary>Extra notes appended after the standard-error and star notes.</summary>
    public string? Notes { get; init; }
}

/// <summary>
/// Side-by-side regression table (fixest <c>etable</c> style) from any results implementing <see cref="IModelSummary"/>:
/// estimates with optional stars, standard errors in parentheses beneath, then N, R², within R² and footer rows.
/// </summary>
public static class RegressionTable
{
    /// <summary>Builds the table; render it with ToHtml/ToMarkdown/ToLatex/ToCsv/ToDocx.</summary>
    public static Table Create(IEnumerable<IModelSummary> models, RegressionTableOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(models);
        var o = options ?? new RegressionTableOptions();
        var list = models.ToList();
        if (list.Count == 0) throw new ArgumentException("Regression table: no models given.", nameof(models));
        if (o.Decimals is < 0 or > 10) throw new ArgumentOutOfRangeException(nameof(options), o.Decimals, "Decimals must be between 0 and 10.");
        if (o.Stars && (o.StarLevels.Count != 3 || !(o.StarLevels[0] > o.StarLevels[1] && o.StarLevels[1] > o.StarLevels[2])))
            throw new ArgumentException("Regression table: StarLevels must be three descending p-value thresholds, e.g. [0.10, 0.05, 0.01].");
        string L(string key) => o.Dictionary is not null && o.Dictionary.TryGetValue(key, out var v) ? v : key;
        var terms = o.Terms?.ToList() ?? list.SelectMany(m => m.Coefficients.Select(c => c.Term)).Distinct().ToList();
        if (o.Terms is not null)
        {
            var missing = o.Terms.Where(t => !list.Any(m => m.Coefficients.Any(c => c.Term == t))).ToList();
            if (missing.Count > 0) throw new ArgumentException($"Regression table: term(s) {string.Join(", ", missing.Select(m => $"'{m}'"))} are in no model.");
        }

        var headers = new List<string> { "" };
        headers.AddRange(list.Select((m, i) => o.NumberColumns ? $"({i + 1}) {m.ModelName}" : m.ModelName));
        var table = Table.Create(headers.Select((h, i) => new TableColumn(h, i == 0 ? ColumnAlign.Left : ColumnAlign.Center)));
        if (o.Title is not null) table = table.Title(o.Title);
        if (o.ShowOutcome) table = table.HeaderRow([o.Labels.Outcome, .. list.Select(m => L(m.Outcome))]);

        var est = NumberFormat.Fixed(o.Decimals);
        foreach (var term in terms)
        {
            var estimates = new List<string> { L(term) };
            var errors = new List<string> { "" };
            foreach (var m in list)
            {
                var c = m.Coefficients.FirstOrDefault(x => x.Term == term);
                if (c is null) { estimates.Add(""); errors.Add(""); continue; }
                estimates.Add(est.Format(c.Estimate) + (o.Stars ? Stars(c.PValue, o.StarLevels) : ""));
                errors.Add(double.IsFinite(c.StdError) ? $"({est.Format(c.StdError)})" : "");
            }
            table = table.Row([.. estimates]).Row([.. errors]);
        }

        var footerKeys = list.SelectMany(m => m.Footer.Select(kv => kv.Key)).Distinct().ToList();
        foreach (var key in footerKeys)
            table = table.FooterRow([L(key), .. list.Select(m => m.Footer.Where(kv => kv.Key == key).Select(kv => L(kv.Value)).FirstOrDefault() ?? "")]);
        if (o.ShowObservations)
            table = table.FooterRow([o.Labels.Observations, .. list.Select(m => NumberFormat.Thousands(0).Format(m.Observations))]);
        var r2 = NumberFormat.Fixed(o.RSquaredDecimals);
        if (o.ShowRSquared && list.Any(m => m.RSquared is not null))
            table = table.FooterRow([o.Labels.RSquared, .. list.Select(m => m.RSquared is { } v ? r2.Format(v) : "")]);
        if (o.ShowWithinRSquared && list.Any(m => m.WithinRSquared is not null))
            table = table.FooterRow([o.Labels.WithinRSquared, .. list.Select(m => m.WithinRSquared is { } v ? r2.Format(v) : "")]);

        var notes = o.Labels.StandardErrorNote;
        if (o.Stars)
            notes += " " + string.Format(System.Globalization.CultureInfo.InvariantCulture, o.Labels.StarNote,
                Level(o.StarLevels[0]), Level(o.StarLevels[1]), Level(o.StarLevels[2]));
        if (o.Notes is not null) notes += " " + o.Notes;
        return table.Notes(notes);
    }

    private static string Level(double p) => p.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Stars for a p-value: thresholds are strict ("p &lt; 0.05").</summary>
    public static string Stars(double pValue, IReadOnlyList<double> levels) =>
        double.IsNaN(pValue) ? "" : pValue < levels[2] ? "***" : pValue < levels[1] ? "**" : pValue < levels[0] ? "*" : "";
}
