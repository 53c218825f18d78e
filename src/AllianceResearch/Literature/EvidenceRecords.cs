using AllianceResearch.Indicators;

namespace AllianceResearch.Literature;

/// <summary>Whether a figure is printed in the source, computed by us from printed figures, or absent.</summary>
public enum FigureStatus
{
    /// <summary>The source document prints the figure.</summary>
    Stated,

    /// <summary>We computed it from stated figures (e.g. 2019 = 2020 − change).</summary>
    Derived,

    /// <summary>The source does not give it.</summary>
    NotStated,

    /// <summary>The source gives it illegibly (garbled), so the value is unknown.</summary>
    Unknown,
}

/// <summary>Parsing helpers for the dataset vocabulary.</summary>
public static class FigureStatuses
{
    /// <summary>Parses "stated", "derived", "not stated" or "unknown"; throws naming the file and row otherwise.</summary>
    public static FigureStatus Parse(string text, string where) => text switch
    {
        "stated" => FigureStatus.Stated,
        "derived" => FigureStatus.Derived,
        "not stated" => FigureStatus.NotStated,
        "unknown" => FigureStatus.Unknown,
        _ => throw new FormatException($"{where}: status '{text}' is not one of: stated, derived, not stated, unknown."),
    };
}

/// <summary>One database searched by the review (document 000).</summary>
public sealed record SearchProtocolEntry(string Database, string Language, string FieldSearched, string Query, string DateFrom, string DateTo, string SourceFile);

/// <summary>One inclusion or exclusion criterion of the review.</summary>
public sealed record EligibilityCriterion(bool IsInclusion, int Number, string Text, string SourceFile);

/// <summary>One box of the screening flow; <see cref="Records"/> is null when the review gives no count.</summary>
public sealed record ScreeningStep(int Step, string Stage, int? Records, FigureStatus Status, string SourceFile, string Note);

/// <summary>A region covered by the included studies; unnamed regions are kept as "unknown", never invented.</summary>
public sealed record StudyRegion(string Id, string NameEn, string NameZh, string ProvinceEn, string ProvinceZh, bool NamedInText, string SourceFile);

/// <summary>Something the review's text says about one region.</summary>
public sealed record RegionFeature(string RegionId, string Feature, string Value, string Passage, string SourceFile);

/// <summary>A cell of the region × payment-method matrix ("ALL" = a review-wide statement).</summary>
public sealed record RegionPaymentMethod(string RegionId, string Method, string Status, string Basis, string SourceFile);

/// <summary>A dimension-level finding of the review with its direction.</summary>
public sealed record DimensionFinding(EvaluationDimension Dimension, string Finding, string Direction, bool IsImprovement, string ExceptionRegion, string SourceFile);

/// <summary>A cell of the region × dimension evidence map.</summary>
public sealed record RegionDimensionEvidence(string RegionId, EvaluationDimension Dimension, string Evidence, string Direction, string SourceFile, string Note);

/// <summary>A single transcribed figure with its provenance.</summary>
public sealed record SourceFigure(string Id, string Description, decimal? Value, string Unit, string Year, FigureStatus Status, string SourceFile, string Note);

/// <summary>One item of the four communities (document 002): share of pilots meeting it.</summary>
public sealed record CommunityItem(string CommunityEn, string CommunityZh, string StandardId, string Item,
    decimal Share2020, decimal? ChangePp, decimal? Share2019, FigureStatus Status2019, string SourceFile);

/// <summary>A monitored outcome indicator of the pilots, 2019 → 2020 (document 002).</summary>
public sealed record MonitoringOutcome(string IndicatorId, string NameEn, string NameZh, string Unit,
    decimal? Value2019, FigureStatus Status2019, decimal Value2020, decimal? Change, FigureStatus StatusChange,
    string Direction, string SourceFile, string Note);

/// <summary>Share of pilots in which an indicator improved (document 002).</summary>
public sealed record ImprovementShare(string IndicatorId, string NameEn, decimal SharePct, string Meaning, string SourceFile);

/// <summary>One of the four incentive models of document 003.</summary>
public sealed record IncentiveModelProfile(string Id, string NameEn, string NameZh, string Mechanism, string Strengths, string Limits, string FitsWhen, string SourceFile);

/// <summary>A case study of document 003.</summary>
public sealed record CaseStudy(string Id, string ModelId, string NameEn, string NameZh, string Location, int? StartYear, string Summary, string SourceFile);

/// <summary>A figure of a case or an example rule of document 003.</summary>
public sealed record CaseFigure(string CaseId, string Figure, decimal? Value, string Unit, string Year, FigureStatus Status, string SourceFile, string Note);
