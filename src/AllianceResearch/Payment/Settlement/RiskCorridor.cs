namespace AllianceResearch.Payment.Settlement;

/// <summary>
/// One band of a risk corridor (风险分担区间), measured as a fraction of the budget B away from it:
/// the part of the surplus (or overrun) that lies in [Lower, Upper) is shared with <see cref="AllianceShare"/>
/// going to (surplus: kept by; overrun: borne by) the alliance. <see cref="Upper"/> null means no upper end.
/// </summary>
/// <param name="Lower">Band start as a fraction of B (0.10 = 10 % of the budget).</param>
/// <param name="Upper">Band end as a fraction of B, or null for an open band.</param>
/// <param name="AllianceShare">Alliance share of the money inside the band, in [0, 1].</param>
public sealed record CorridorBand(decimal Lower, decimal? Upper, decimal AllianceShare);

/// <summary>A step of the quality gate (质量考核系数): scores at or above <see cref="MinScore"/> earn <see cref="Factor"/>.</summary>
/// <param name="MinScore">Lowest assessment score (0–100) of the step.</param>
/// <param name="Factor">Share of quality-tied retained surplus released at this score, in [0, 1].</param>
public sealed record QualityGateStep(decimal MinScore, decimal Factor);

/// <summary>
/// The settlement rule between fund and alliance (结余留用、合理超支分担): piecewise-linear bands on the
/// surplus and on the overrun (domain spec §3.4.1), an overrun split by cause (document 003: uncontrollable
/// causes shared fund:alliance 7:3 inside the band, poor management borne 10/10 by the alliance), and a quality
/// gate on a share of the retained surplus (document 003: 20 % tied to third-party quality evaluation).
/// Structurally identical county rules differ only in these numbers, so every one is data.
/// </summary>
public sealed record RiskCorridor
{
    /// <summary>Surplus bands on s = (B − A)/B; <see cref="CorridorBand.AllianceShare"/> is the share the alliance keeps.</summary>
    public required IReadOnlyList<CorridorBand> SurplusBands { get; init; }

    /// <summary>Overrun bands on d = (A − B)/B for overrun from uncontrollable causes; the share is what the alliance bears.</summary>
    public required IReadOnlyList<CorridorBand> OverrunBands { get; init; }

    /// <summary>Share of management-caused overrun (管理不善导致的超支) the alliance bears; document 003: 1.0 (0:10).</summary>
    public decimal ManagementOverrunAllianceShare { get; init; } = 1m;

    /// <summary>Share of the retained surplus released only by the quality gate (document 003: 0.20; spec example: 1.0).</summary>
    public decimal QualityTiedShare { get; init; } = 1m;

    /// <summary>Quality gate steps (spec §3.4.2 default ≥90 → 1.0, ≥80 → 0.9, ≥70 → 0.8, ≥60 → 0.6, else 0).</summary>
    public IReadOnlyList<QualityGateStep> QualityGate { get; init; } = DefaultQualityGate;

    /// <summary>The default quality gate of the domain spec §3.4.2 [A].</summary>
    public static IReadOnlyList<QualityGateStep> DefaultQualityGate { get; } =
        [new(90m, 1.0m), new(80m, 0.9m), new(70m, 0.8m), new(60m, 0.6m), new(0m, 0m)];

    /// <summary>
    /// "Anti-stinting cap" of spec §3.4.3: surplus up to 15 % kept in full, beyond it 50 %; overrun up to +10 %
    /// shared fund:alliance 7:3, beyond +10 % borne by the alliance; management overrun borne by the alliance.
    /// </summary>
    public static RiskCorridor AntiStintingCap { get; } = new()
    {
        SurplusBands = [new(0m, 0.15m, 1m), new(0.15m, null, 0.5m)],
        OverrunBands = [new(0m, 0.10m, 0.3m), new(0.10m, null, 1m)],
    };

    /// <summary>结余留用、超支不补: the alliance keeps every surplus and bears every overrun.</summary>
    public static RiskCorridor RetainAllNoCompensation { get; } = new()
    {
        SurplusBands = [new(0m, null, 1m)],
        OverrunBands = [new(0m, null, 1m)],
    };

    /// <summary>
    /// Document 003's middle-stage rule: surplus retained, 20 % of it tied to third-party quality evaluation;
    /// uncontrollable overrun shared 7:3 (up to +10 %, beyond borne by the alliance); management overrun 0:10.
    /// </summary>
    public static RiskCorridor Document003MiddleStage { get; } = new()
    {
        SurplusBands = [new(0m, null, 1m)],
        OverrunBands = [new(0m, 0.10m, 0.3m), new(0.10m, null, 1m)],
        QualityTiedShare = 0.2m,
    };

    /// <summary>Throws with a message naming the offending band when the corridor is not a valid partition of [0, ∞).</summary>
    public void Validate()
    {
        CheckBands(SurplusBands, "surplusBands");
        CheckBands(OverrunBands, "overrunBands");
        CheckShare(ManagementOverrunAllianceShare, "managementOverrunAllianceShare");
        CheckShare(QualityTiedShare, "qualityTiedShare");
        if (QualityGate is null || QualityGate.Count == 0) throw new ArgumentException("qualityGate: at least one step is required.");
        for (var i = 0; i < QualityGate.Count; i++)
        {
            CheckShare(QualityGate[i].Factor, $"qualityGate[{i}].factor");
            if (i > 0 && QualityGate[i].MinScore >= QualityGate[i - 1].MinScore)
                throw new ArgumentException($"qualityGate[{i}].minScore: steps must be listed from the highest score down ({QualityGate[i].MinScore} after {QualityGate[i - 1].MinScore}).");
        }
    }

    /// <summary>The quality factor for <paramref name="score"/>; null score means no quality assessment (factor 1).</summary>
    public decimal QualityFactor(decimal? score)
    {
        if (score is null) return 1m;
        if (score < 0m || score > 100m) throw new ArgumentOutOfRangeException(nameof(score), score, "An assessment score must lie in [0, 100].");
        foreach (var step in QualityGate) if (score >= step.MinScore) return step.Factor;
        return 0m;
    }

    private static void CheckShare(decimal share, string path)
    {
        if (share < 0m || share > 1m) throw new ArgumentException($"{path}: a share must lie in [0, 1], got {share}.");
    }

    private static void CheckBands(IReadOnlyList<CorridorBand> bands, string path)
    {
        if (bands is null || bands.Count == 0) throw new ArgumentException($"{path}: at least one band is required.");
        var expected = 0m;
        for (var i = 0; i < bands.Count; i++)
        {
            var b = bands[i];
            if (b.Lower != expected)
                throw new ArgumentException($"{path}[{i}].lower: bands must start at 0 and be contiguous; expected {expected}, got {b.Lower}.");
            if (b.Upper is { } up && up <= b.Lower)
                throw new ArgumentException($"{path}[{i}].upper: must exceed lower ({b.Lower}), got {up}.");
            if (b.Upper is null && i != bands.Count - 1)
                throw new ArgumentException($"{path}[{i}].upper: only the last band may be open-ended.");
            CheckShare(b.AllianceShare, $"{path}[{i}].allianceShare");
            expected = b.Upper ?? -1m;
        }
        if (bands[^1].Upper is not null)
            throw new ArgumentException($"{path}[{bands.Count - 1}].upper: the last band must be open-ended (null) so every deviation is covered.");
    }
}
