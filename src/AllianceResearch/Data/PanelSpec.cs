namespace AllianceResearch.Data;

/// <summary>What to do with a row whose value is missing in a column the panel uses.</summary>
public enum MissingValuePolicy
{
    /// <summary>Drop the row and count it per column in <see cref="PanelAudit"/> (the usual econometric default).</summary>
    DropRow,

    /// <summary>Throw a <see cref="PanelDataException"/> naming the column and row.</summary>
    Error,
}

/// <summary>Which comparison units a DiD panel must contain; checked when the panel is built.</summary>
public enum ComparisonRequirement
{
    /// <summary>No check.</summary>
    None,

    /// <summary>
    /// Some unit is untreated while another is treated: a never-treated unit (cohort 0 / treatment always 0)
    /// or a unit treated later than the earliest cohort (not-yet-treated). Fails only for hopeless designs.
    /// </summary>
    NotYetTreated,

    /// <summary>At least one never-treated unit (cohort 0, or treatment 0 in every period).</summary>
    NeverTreated,
}

/// <summary>
/// Column mapping and validation rules for building a <see cref="Panel"/> (面板数据) from a CSV file or
/// in-memory columns. Only the columns named here are read, and only they count for missing values.
/// </summary>
/// <param name="Unit">Unit identifier column (county, hospital); numeric or text labels.</param>
/// <param name="Time">Time column (year, quarter index); must be numeric.</param>
public sealed record PanelSpec(string Unit, string Time)
{
    /// <summary>Numeric columns to keep: outcomes and covariates.</summary>
    public IReadOnlyList<string> Numeric { get; init; } = [];

    /// <summary>Cohort column: first treated period, 0 = never treated (the convention of R <c>did</c>); constant within a unit.</summary>
    public string? Cohort { get; init; }

    /// <summary>Treatment indicator column (0/1 per unit-period).</summary>
    public string? Treatment { get; init; }

    /// <summary>Analytic (frequency-free) weights column; values must be positive and finite.</summary>
    public string? Weights { get; init; }

    /// <summary>Categorical columns (cluster ids, extra fixed effects such as province); read as labels, stored as codes.</summary>
    public IReadOnlyList<string> Factors { get; init; } = [];

    /// <summary>Missing-value policy for every used column except unit and time (missing ids are always an error).</summary>
    public MissingValuePolicy Missing { get; init; } = MissingValuePolicy.DropRow;

    /// <summary>When true, a treatment indicator that goes from 1 back to 0 within a unit is an error.</summary>
    public bool RequireAbsorbingTreatment { get; init; }

    /// <summary>Comparison units the design needs (checked only when a cohort or treatment column is given).</summary>
    public ComparisonRequirement Comparison { get; init; } = ComparisonRequirement.NotYetTreated;

    /// <summary>Every column this spec reads, without duplicates, in a stable order.</summary>
    public IReadOnlyList<string> UsedColumns()
    {
        var list = new List<string>();
        void Add(string? c) { if (c is not null && !list.Contains(c)) list.Add(c); }
        Add(Unit); Add(Time);
        foreach (var c in Numeric) Add(c);
        Add(Cohort); Add(Treatment); Add(Weights);
        foreach (var c in Factors) Add(c);
        return list;
    }
}

/// <summary>Bad panel input: the message names the source (file), column and row or line.</summary>
public sealed class PanelDataException : Exception
{
    /// <summary>Creates the exception with a complete, user-facing message.</summary>
    public PanelDataException(string message) : base(message) { }
}
