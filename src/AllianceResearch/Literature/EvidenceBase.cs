using AllianceResearch.Indicators;

namespace AllianceResearch.Literature;

/// <summary>
/// The evidence base transcribed from documents 000 (the review), 002 (the national monitoring
/// report) and 003 (incentive models and cases), loaded from <c>datasets/literature</c>,
/// <c>datasets/monitoring</c> and <c>datasets/cases</c>.
/// </summary>
public sealed class EvidenceBase
{
    /// <summary>Databases and queries of the review's search.</summary>
    public required IReadOnlyList<SearchProtocolEntry> SearchProtocol { get; init; }

    /// <summary>Inclusion and exclusion criteria.</summary>
    public required IReadOnlyList<EligibilityCriterion> Criteria { get; init; }

    /// <summary>The screening flow (129 → 9).</summary>
    public required IReadOnlyList<ScreeningStep> Screening { get; init; }

    /// <summary>The nine regions (six named, three unknown).</summary>
    public required IReadOnlyList<StudyRegion> Regions { get; init; }

    /// <summary>Region-level statements of the review.</summary>
    public required IReadOnlyList<RegionFeature> RegionFeatures { get; init; }

    /// <summary>Region × payment-method cells.</summary>
    public required IReadOnlyList<RegionPaymentMethod> PaymentMethods { get; init; }

    /// <summary>Dimension-level findings with direction.</summary>
    public required IReadOnlyList<DimensionFinding> DimensionFindings { get; init; }

    /// <summary>Region × dimension evidence cells.</summary>
    public required IReadOnlyList<RegionDimensionEvidence> RegionDimensionEvidence { get; init; }

    /// <summary>Other figures of the review.</summary>
    public required IReadOnlyList<SourceFigure> ReviewFigures { get; init; }

    /// <summary>Pilot composition, tightness and other single figures of document 002.</summary>
    public required IReadOnlyList<SourceFigure> PilotFigures { get; init; }

    /// <summary>The four communities' items.</summary>
    public required IReadOnlyList<CommunityItem> Communities { get; init; }

    /// <summary>Monitored outcome indicators 2019 → 2020.</summary>
    public required IReadOnlyList<MonitoringOutcome> MonitoringOutcomes { get; init; }

    /// <summary>Shares of pilots improving.</summary>
    public required IReadOnlyList<ImprovementShare> ImprovementShares { get; init; }

    /// <summary>The four incentive models.</summary>
    public required IReadOnlyList<IncentiveModelProfile> IncentiveModels { get; init; }

    /// <summary>The four case studies.</summary>
    public required IReadOnlyList<CaseStudy> Cases { get; init; }

    /// <summary>Figures of the cases and example rules.</summary>
    public required IReadOnlyList<CaseFigure> CaseFigures { get; init; }

    /// <summary>Loads every file from a datasets folder (the one holding literature/, monitoring/, cases/).</summary>
    public static EvidenceBase Load(string datasetsDirectory)
    {
        string P(params string[] parts) => Path.Combine([datasetsDirectory, .. parts]);
        var search = EvidenceCsv.Read(P("literature", "search_protocol.csv"));
        var criteria = EvidenceCsv.Read(P("literature", "eligibility_criteria.csv"));
        var flow = EvidenceCsv.Read(P("literature", "screening_flow.csv"));
        var regions = EvidenceCsv.Read(P("literature", "regions.csv"));
        var features = EvidenceCsv.Read(P("literature", "region_features.csv"));
        var methods = EvidenceCsv.Read(P("literature", "payment_methods.csv"));
        var findings = EvidenceCsv.Read(P("literature", "dimension_findings.csv"));
        var evidence = EvidenceCsv.Read(P("literature", "region_dimension_evidence.csv"));
        var reviewFigures = EvidenceCsv.Read(P("literature", "review_figures.csv"));
        var pilot = EvidenceCsv.Read(P("monitoring", "pilot_figures.csv"));
        var communities = EvidenceCsv.Read(P("monitoring", "communities.csv"));
        var outcomes = EvidenceCsv.Read(P("monitoring", "outcome_indicators.csv"));
        var shares = EvidenceCsv.Read(P("monitoring", "improvement_shares.csv"));
        var models = EvidenceCsv.Read(P("cases", "incentive_models.csv"));
        var cases = EvidenceCsv.Read(P("cases", "cases.csv"));
        var caseFigures = EvidenceCsv.Read(P("cases", "case_figures.csv"));

        string W(EvidenceCsv t, int r) => $"{t.FileName} data row {r + 1}";
        EvaluationDimension Dim(EvidenceCsv t, int r) =>
            Wrap(() => EvaluationDimensions.Parse(t.Text(r, "dimension")), W(t, r));
        int? OptInt(EvidenceCsv t, int r, string c) => t.OptionalDecimal(r, c) is { } d ? (int)d : null;
        bool YesNo(EvidenceCsv t, int r, string c) => t.Text(r, c) switch
        {
            "yes" => true,
            "no" => false,
            var s => throw new FormatException($"{W(t, r)}, column '{c}': '{s}' must be yes or no."),
        };
        SourceFigure Fig(EvidenceCsv t, int r) => new(t.Text(r, "figure_id"), t.Text(r, "description"), t.OptionalDecimal(r, "value"),
            t.Text(r, "unit"), t.Header.Contains("year") ? t.Text(r, "year") : "", FigureStatuses.Parse(t.Text(r, "status"), W(t, r)),
            t.Text(r, "source_file"), t.Text(r, "note"));

        return new EvidenceBase
        {
            SearchProtocol = search.Select(r => new SearchProtocolEntry(search.Text(r, "database"), search.Text(r, "language"),
                search.Text(r, "field_searched"), search.Text(r, "query"), search.Text(r, "date_from"), search.Text(r, "date_to"), search.Text(r, "source_file"))),
            Criteria = criteria.Select(r => new EligibilityCriterion(criteria.Text(r, "kind") == "inclusion", (int)criteria.Number(r, "number"),
                criteria.Text(r, "criterion"), criteria.Text(r, "source_file"))),
            Screening = flow.Select(r => new ScreeningStep((int)flow.Number(r, "step"), flow.Text(r, "stage"), OptInt(flow, r, "records"),
                FigureStatuses.Parse(flow.Text(r, "status"), W(flow, r)), flow.Text(r, "source_file"), flow.Text(r, "note"))),
            Regions = regions.Select(r => new StudyRegion(regions.Text(r, "region_id"), regions.Text(r, "region_en"), regions.Text(r, "region_zh"),
                regions.Text(r, "province_en"), regions.Text(r, "province_zh"), YesNo(regions, r, "named_in_text"), regions.Text(r, "source_file"))),
            RegionFeatures = features.Select(r => new RegionFeature(features.Text(r, "region_id"), features.Text(r, "feature"), features.Text(r, "value"),
                features.Text(r, "passage"), features.Text(r, "source_file"))),
            PaymentMethods = methods.Select(r => new RegionPaymentMethod(methods.Text(r, "region_id"), methods.Text(r, "method"), methods.Text(r, "status"),
                methods.Text(r, "basis"), methods.Text(r, "source_file"))),
            DimensionFindings = findings.Select(r => new DimensionFinding(Dim(findings, r), findings.Text(r, "finding"), findings.Text(r, "direction"),
                YesNo(findings, r, "improvement"), findings.Text(r, "exception_region"), findings.Text(r, "source_file"))),
            RegionDimensionEvidence = evidence.Select(r => new RegionDimensionEvidence(evidence.Text(r, "region_id"), Dim(evidence, r),
                evidence.Text(r, "evidence"), evidence.Text(r, "direction"), evidence.Text(r, "source_file"), evidence.Text(r, "note"))),
            ReviewFigures = reviewFigures.Select(r => Fig(reviewFigures, r)),
            PilotFigures = pilot.Select(r => Fig(pilot, r)),
            Communities = communities.Select(r => new CommunityItem(communities.Text(r, "community_en"), communities.Text(r, "community_zh"),
                communities.Text(r, "standard_id"), communities.Text(r, "item"), communities.OptionalDecimal(r, "share_2020_pct")!.Value,
                communities.OptionalDecimal(r, "change_pp"), communities.OptionalDecimal(r, "share_2019_pct"),
                FigureStatuses.Parse(communities.Text(r, "status_2019"), W(communities, r)), communities.Text(r, "source_file"))),
            MonitoringOutcomes = outcomes.Select(r => new MonitoringOutcome(outcomes.Text(r, "indicator_id"), outcomes.Text(r, "indicator_en"),
                outcomes.Text(r, "indicator_zh"), outcomes.Text(r, "unit"), outcomes.OptionalDecimal(r, "value_2019"),
                FigureStatuses.Parse(outcomes.Text(r, "status_2019"), W(outcomes, r)),
                outcomes.OptionalDecimal(r, "value_2020") ?? throw new FormatException($"{W(outcomes, r)}: value_2020 is required."),
                outcomes.OptionalDecimal(r, "change"), FigureStatuses.Parse(outcomes.Text(r, "status_change"), W(outcomes, r)),
                outcomes.Text(r, "direction"), outcomes.Text(r, "source_file"), outcomes.Text(r, "note"))),
            ImprovementShares = shares.Select(r => new ImprovementShare(shares.Text(r, "indicator_id"), shares.Text(r, "indicator_en"),
                shares.OptionalDecimal(r, "share_of_pilots_pct")!.Value, shares.Text(r, "meaning"), shares.Text(r, "source_file"))),
            IncentiveModels = models.Select(r => new IncentiveModelProfile(models.Text(r, "model_id"), models.Text(r, "model_en"), models.Text(r, "model_zh"),
                models.Text(r, "mechanism"), models.Text(r, "strengths"), models.Text(r, "limits"), models.Text(r, "fits_when"), models.Text(r, "source_file"))),
            Cases = cases.Select(r => new CaseStudy(cases.Text(r, "case_id"), cases.Text(r, "model_id"), cases.Text(r, "case_en"), cases.Text(r, "case_zh"),
                cases.Text(r, "location"), OptInt(cases, r, "start_year"), cases.Text(r, "summary"), cases.Text(r, "source_file"))),
            CaseFigures = caseFigures.Select(r => new CaseFigure(caseFigures.Text(r, "case_id"), caseFigures.Text(r, "figure"),
                caseFigures.OptionalDecimal(r, "value"), caseFigures.Text(r, "unit"), caseFigures.Text(r, "year"),
                FigureStatuses.Parse(caseFigures.Text(r, "status"), W(caseFigures, r)), caseFigures.Text(r, "source_file"), caseFigures.Text(r, "note"))),
        };
    }

    private static T Wrap<T>(Func<T> f, string where)
    {
        try { return f(); }
        catch (FormatException ex) { throw new FormatException($"{where}: {ex.Message}", ex); }
    }

    /// <summary>A figure of document 002's single-figure list by id; throws listing the ids when absent.</summary>
    public SourceFigure PilotFigure(string id) => PilotFigures.FirstOrDefault(f => f.Id == id)
        ?? throw new KeyNotFoundException($"pilot_figures.csv has no figure '{id}'. Ids: {string.Join(", ", PilotFigures.Select(f => f.Id))}.");
}
