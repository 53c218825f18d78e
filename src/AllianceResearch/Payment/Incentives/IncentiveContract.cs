namespace AllianceResearch.Payment.Incentives;

/// <summary>
/// One of document 003's four practice models of consortium incentives (医联体协同激励模式); tags a
/// contract so that a contract library can be grouped the way the document compares them.
/// </summary>
public enum IncentiveModel
{
    /// <summary>政府主导型: fiscal subsidy plus administrative evaluation.</summary>
    GovernmentLed,

    /// <summary>医保主导型: insurance global budget with surplus retention.</summary>
    InsuranceLed,

    /// <summary>医院自主协同型: resource sharing, cost sharing and revenue splits between hospitals.</summary>
    HospitalAutonomous,

    /// <summary>社会参与型: third-party evaluation and multiple payers (e.g. commercial insurers).</summary>
    SocialParticipation,
}

/// <summary>
/// An incentive contract as data: who funds what, which metrics earn it, and what happens to money
/// not earned. Immutable; loaded from JSON with <see cref="IncentiveJson"/> and evaluated with
/// <see cref="IncentiveEvaluator"/>.
/// </summary>
public sealed record IncentiveContract
{
    /// <summary>Short identifier, used in explanations and file names.</summary>
    public required string Id { get; init; }

    /// <summary>English display name.</summary>
    public string? Name { get; init; }

    /// <summary>Chinese display name (中文名称).</summary>
    public string? NameZh { get; init; }

    /// <summary>Which of document 003's four models the contract belongs to, if any.</summary>
    public IncentiveModel? Model { get; init; }

    /// <summary>Provenance: source file name (e.g. 003_2819d52ff3edc13b.txt) and passage, or "illustrative".</summary>
    public string? Source { get; init; }

    /// <summary>The clauses, evaluated independently and in order; each conserves its own money.</summary>
    public required IReadOnlyList<IncentiveClause> Clauses { get; init; }
}

/// <summary>A clause of a contract: a pool, a rate-based transfer or a fixed-share split.</summary>
public abstract record IncentiveClause
{
    /// <summary>Identifier unique within the contract.</summary>
    public required string Id { get; init; }

    /// <summary>English display name.</summary>
    public string? Name { get; init; }

    /// <summary>Chinese display name.</summary>
    public string? NameZh { get; init; }

    /// <summary>The JSON discriminator of this clause kind ("pool", "rate", "split").</summary>
    public abstract string Kind { get; }
}

/// <summary>
/// A funded pool (专项资金/考核资金): each member's entitlement comes from the funding rule, is split into
/// components by share, and each component is earned according to a metric rule; an optional tournament
/// adds a bonus for the best members. Money not earned goes back to the funder, explicitly.
/// </summary>
public sealed record PoolClause : IncentiveClause
{
    /// <inheritdoc />
    public override string Kind => "pool";

    /// <summary>Where the money comes from and how much each member is entitled to.</summary>
    public required PoolFunding Funding { get; init; }

    /// <summary>The components (shares must sum to 1).</summary>
    public required IReadOnlyList<PoolComponent> Components { get; init; }

    /// <summary>Optional ranking bonus (e.g. top 20% of consortia earn a further 10%).</summary>
    public Tournament? Tournament { get; init; }

    /// <summary>Members taking part; null means every member in the metrics table.</summary>
    public IReadOnlyList<string>? Members { get; init; }
}

/// <summary>
/// The funding rule of a pool. Exactly one of: <see cref="PerUnit"/> with <see cref="UnitMetric"/>
/// (e.g. ¥15 per resident), <see cref="AmountMetric"/> (each member's own metric is its entitlement,
/// e.g. its retained surplus), or <see cref="Amount"/> (a fixed total, split among members in proportion to
/// <see cref="UnitMetric"/> when given, else equally).
/// </summary>
public sealed record PoolFunding
{
    /// <summary>Who pays (e.g. "province finance", "insurance fund"); unearned money returns here.</summary>
    public required string Funder { get; init; }

    /// <summary>Amount per unit (e.g. yuan per resident per year).</summary>
    public decimal? PerUnit { get; init; }

    /// <summary>Metric counting the units (e.g. "residents", "signedResidents").</summary>
    public string? UnitMetric { get; init; }

    /// <summary>A fixed total amount for the whole pool.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Metric whose value is each member's entitlement.</summary>
    public string? AmountMetric { get; init; }
}

/// <summary>A share of a pool tied to one metric rule (e.g. 30% to family-doctor contract volume).</summary>
public sealed record PoolComponent
{
    /// <summary>Identifier unique within the clause.</summary>
    public required string Id { get; init; }

    /// <summary>English display name.</summary>
    public string? Name { get; init; }

    /// <summary>Chinese display name.</summary>
    public string? NameZh { get; init; }

    /// <summary>Share of the pool, between 0 and 1.</summary>
    public required decimal Share { get; init; }

    /// <summary>How the component is earned.</summary>
    public required MetricRule Rule { get; init; }
}

/// <summary>How a component's money is earned from a metric.</summary>
public enum RuleKind
{
    /// <summary>Paid in full, no condition.</summary>
    Unconditional,

    /// <summary>All or nothing: paid in full when the metric meets the target (达标全额).</summary>
    Threshold,

    /// <summary>Paid in full at or beyond target, otherwise cut in proportion (按比例扣减): metric ÷ target.</summary>
    ProRata,

    /// <summary>Nothing at or below the floor, full at the target, linear between.</summary>
    Linear,

    /// <summary>The component's whole pool is shared among members in proportion to the metric (挂钩服务量).</summary>
    Proportional,
}

/// <summary>Whether a larger metric value is better (contract rate) or worse (cost growth).</summary>
public enum MetricDirection
{
    /// <summary>Larger values are better.</summary>
    HigherIsBetter,

    /// <summary>Smaller values are better.</summary>
    LowerIsBetter,
}

/// <summary>A metric condition: which metric, which rule, which target.</summary>
public sealed record MetricRule
{
    /// <summary>The rule kind.</summary>
    public required RuleKind Kind { get; init; }

    /// <summary>The metric name (a column of the metrics table); not needed for unconditional rules.</summary>
    public string? Metric { get; init; }

    /// <summary>The target value (threshold, pro-rata or linear rules).</summary>
    public decimal? Target { get; init; }

    /// <summary>The value earning nothing (linear rule).</summary>
    public decimal? Floor { get; init; }

    /// <summary>Direction of the metric; higher is better unless stated.</summary>
    public MetricDirection Direction { get; init; } = MetricDirection.HigherIsBetter;
}

/// <summary>What a tournament bonus is computed on.</summary>
public enum TournamentBase
{
    /// <summary>The member's whole pool entitlement.</summary>
    Entitlement,

    /// <summary>The member's entitlement to the tournament's named component.</summary>
    Component,

    /// <summary>What the member actually earned from the pool.</summary>
    Earned,
}

/// <summary>
/// A ranking bonus: members are ranked on a metric; the best <see cref="TopShare"/> (rounded down, at
/// least one; every member tied with the last winner also wins) receive either <see cref="BonusRate"/> ×
/// their base, or a share of a fixed <see cref="BonusPool"/> in proportion to their base.
/// </summary>
public sealed record Tournament
{
    /// <summary>The ranking metric.</summary>
    public required string Metric { get; init; }

    /// <summary>Direction of the ranking metric.</summary>
    public MetricDirection Direction { get; init; } = MetricDirection.HigherIsBetter;

    /// <summary>Share of members that win, e.g. 0.2 for the top 20%.</summary>
    public required decimal TopShare { get; init; }

    /// <summary>Bonus as a rate on the base (e.g. 0.10); exclusive with <see cref="BonusPool"/>.</summary>
    public decimal? BonusRate { get; init; }

    /// <summary>A fixed bonus pool shared by the winners; exclusive with <see cref="BonusRate"/>.</summary>
    public decimal? BonusPool { get; init; }

    /// <summary>What the bonus is computed on (and the weights when sharing a fixed pool).</summary>
    public TournamentBase Base { get; init; } = TournamentBase.Entitlement;

    /// <summary>The component named when <see cref="Base"/> is <see cref="TournamentBase.Component"/>.</summary>
    public string? Component { get; init; }

    /// <summary>Who pays the bonus; the pool's funder when omitted.</summary>
    public string? Funder { get; init; }
}

/// <summary>
/// A rate-based payment: each recipient receives <see cref="Rate"/> × max(0, base metric − deductible),
/// paid by <see cref="Payer"/> (a member or an outside party), optionally only when a gate metric is met.
/// Covers referral revenue return (转诊收益返还 10%), technical-guidance fees (技术指导费 5%), premium shares
/// (保费分成 15% if control ≥ 80%), insurer excess-cost cover (90% above ¥5,000) and purchasing bonuses.
/// </summary>
public sealed record RateClause : IncentiveClause
{
    /// <inheritdoc />
    public override string Kind => "rate";

    /// <summary>Who pays every recipient: a member id (its net income falls) or an outside party; exclusive with <see cref="PaidTo"/>.</summary>
    public string? Payer { get; init; }

    /// <summary>
    /// Reverses the flow: each listed member pays its amount to this party (a deduction, fee or claw-back,
    /// e.g. out-of-county leakage charged back to a team); exclusive with <see cref="Payer"/>.
    /// </summary>
    public string? PaidTo { get; init; }

    /// <summary>The rate, between 0 and 1.</summary>
    public required decimal Rate { get; init; }

    /// <summary>The metric the rate applies to (e.g. "referredRevenue", "premium").</summary>
    public required string BaseMetric { get; init; }

    /// <summary>Amount of the base not covered (e.g. ¥5,000 before insurer cover starts).</summary>
    public decimal Deductible { get; init; }

    /// <summary>The members the rate applies to (they receive, or pay when <see cref="PaidTo"/> is set); null means every member except the payer or payee.</summary>
    public IReadOnlyList<string>? Recipients { get; init; }

    /// <summary>Optional condition on each recipient (e.g. control rate ≥ 0.8).</summary>
    public Gate? Gate { get; init; }
}

/// <summary>A pass/fail condition on a metric: at least and/or at most a value.</summary>
public sealed record Gate
{
    /// <summary>The metric tested.</summary>
    public required string Metric { get; init; }

    /// <summary>Lowest passing value (inclusive).</summary>
    public decimal? AtLeast { get; init; }

    /// <summary>Highest passing value (inclusive).</summary>
    public decimal? AtMost { get; init; }
}

/// <summary>
/// A split of one amount by fixed or contribution-based shares: joint-project revenue 6:4 by
/// contribution (按贡献分成), retained surplus 50/30/20 by use (结余分配). Recipients may be members or uses.
/// </summary>
public sealed record SplitClause : IncentiveClause
{
    /// <inheritdoc />
    public override string Kind => "split";

    /// <summary>Who provides the amount (e.g. "lab centre", "alliance surplus").</summary>
    public required string Source { get; init; }

    /// <summary>A fixed amount to split; exclusive with <see cref="AmountMetric"/>.</summary>
    public decimal? Amount { get; init; }

    /// <summary>Metric holding the amount, read from <see cref="AmountMember"/>'s row.</summary>
    public string? AmountMetric { get; init; }

    /// <summary>The member whose metric holds the amount.</summary>
    public string? AmountMember { get; init; }

    /// <summary>Fixed shares (any positive weights, e.g. 6 and 4); exclusive with <see cref="ShareMetric"/>.</summary>
    public IReadOnlyList<SplitShare>? Shares { get; init; }

    /// <summary>Split among <see cref="Recipients"/> in proportion to this metric (their contributions).</summary>
    public string? ShareMetric { get; init; }

    /// <summary>Recipients for a metric-based split; null means every member.</summary>
    public IReadOnlyList<string>? Recipients { get; init; }
}

/// <summary>One recipient's weight in a fixed split.</summary>
public sealed record SplitShare
{
    /// <summary>Recipient: a member id or a named use (e.g. "primary-care capacity").</summary>
    public required string Recipient { get; init; }

    /// <summary>Weight; weights are normalised by their sum, so 6:4 and 0.6:0.4 are the same.</summary>
    public required decimal Weight { get; init; }
}

/// <summary>
/// A year-end global-budget settlement between the fund and each listed alliance (结余留用、超支分担), computed by
/// <see cref="Settlement.GlobalBudgetSettlement"/>: the alliance receives the surplus it retains, or pays the
/// overrun it bears, relative to the fund paying its actual fund-liable spending. Covers document 003's
/// middle-stage rule: uncontrollable overrun shared fund:consortium 7:3, management overrun borne 10/10,
/// 20% of the retained surplus tied to quality evaluation.
/// </summary>
public sealed record SettlementClause : IncentiveClause
{
    /// <inheritdoc />
    public override string Kind => "settlement";

    /// <summary>The fund's name in the result (e.g. "insurance fund").</summary>
    public required string Fund { get; init; }

    /// <summary>The settlement rule: a named preset or explicit bands.</summary>
    public required CorridorSpec Corridor { get; init; }

    /// <summary>Metric holding the budget B.</summary>
    public required string BudgetMetric { get; init; }

    /// <summary>Metric holding actual fund-liable spending A.</summary>
    public required string ActualMetric { get; init; }

    /// <summary>Optional metric: share of any overrun caused by poor management (0–1); 0 when omitted.</summary>
    public string? ManagementShareMetric { get; init; }

    /// <summary>Optional metric: quality assessment score (0–100) for the quality gate; no gate when omitted.</summary>
    public string? QualityScoreMetric { get; init; }

    /// <summary>Alliances settled; null means every member.</summary>
    public IReadOnlyList<string>? Members { get; init; }
}

/// <summary>
/// A risk corridor as data: either <see cref="Preset"/> (antiStintingCap, retainAllNoCompensation,
/// document003MiddleStage) or explicit bands; explicit properties override the preset's.
/// </summary>
public sealed record CorridorSpec
{
    /// <summary>Name of a preset corridor.</summary>
    public string? Preset { get; init; }

    /// <summary>Surplus bands (lower, upper, allianceShare kept).</summary>
    public IReadOnlyList<Settlement.CorridorBand>? SurplusBands { get; init; }

    /// <summary>Overrun bands for uncontrollable causes (lower, upper, allianceShare borne).</summary>
    public IReadOnlyList<Settlement.CorridorBand>? OverrunBands { get; init; }

    /// <summary>Share of management-caused overrun the alliance bears.</summary>
    public decimal? ManagementOverrunAllianceShare { get; init; }

    /// <summary>Share of the retained surplus tied to the quality gate.</summary>
    public decimal? QualityTiedShare { get; init; }

    /// <summary>Quality gate steps, highest score first.</summary>
    public IReadOnlyList<Settlement.QualityGateStep>? QualityGate { get; init; }

    /// <summary>The names of the presets.</summary>
    public static IReadOnlyList<string> PresetNames { get; } = ["antiStintingCap", "retainAllNoCompensation", "document003MiddleStage"];

    /// <summary>Builds and validates the corridor; <paramref name="where"/> prefixes errors.</summary>
    public Settlement.RiskCorridor Build(string where)
    {
        Settlement.RiskCorridor? basis = Preset switch
        {
            null => null,
            "antiStintingCap" => Settlement.RiskCorridor.AntiStintingCap,
            "retainAllNoCompensation" => Settlement.RiskCorridor.RetainAllNoCompensation,
            "document003MiddleStage" => Settlement.RiskCorridor.Document003MiddleStage,
            _ => throw new InvalidDataException($"{where}: unknown corridor preset '{Preset}'; valid: {string.Join(", ", PresetNames)}."),
        };
        if (basis is null && (SurplusBands is null || OverrunBands is null))
        {
            throw new InvalidDataException($"{where}: the corridor needs a 'preset' or both 'surplusBands' and 'overrunBands'.");
        }
        var corridor = new Settlement.RiskCorridor
        {
            SurplusBands = SurplusBands ?? basis!.SurplusBands,
            OverrunBands = OverrunBands ?? basis!.OverrunBands,
            ManagementOverrunAllianceShare = ManagementOverrunAllianceShare ?? basis?.ManagementOverrunAllianceShare ?? 1m,
            QualityTiedShare = QualityTiedShare ?? basis?.QualityTiedShare ?? 1m,
            QualityGate = QualityGate ?? basis?.QualityGate ?? Settlement.RiskCorridor.DefaultQualityGate,
        };
        try
        {
            corridor.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{where}: corridor {ex.Message}", ex);
        }
        return corridor;
    }
}
