using System.Text;
using AllianceResearch.Presentation;

namespace AllianceResearch.Payment.Settlement;

/// <summary>What the year-end settlement needs: the budget, what the fund was liable for, and context.</summary>
public sealed record SettlementInput
{
    /// <summary>Final (adjusted) global budget B, yuan.</summary>
    public required decimal Budget { get; init; }

    /// <summary>Actual fund-liable spending A of the alliance in scope (fund share of provider claims), yuan.</summary>
    public required decimal Actual { get; init; }

    /// <summary>Share of any overrun caused by poor management (管理不善) rather than uncontrollable causes, in [0, 1].</summary>
    public decimal ManagementShareOfOverrun { get; init; }

    /// <summary>Quality assessment score 0–100, or null when the quality gate is not applied.</summary>
    public decimal? QualityScore { get; init; }

    /// <summary>Advances (monthly prepayments, 预拨付) already paid to the alliance during the year, yuan.</summary>
    public decimal Advances { get; init; }
}

/// <summary>Which side of the settlement a waterfall line belongs to.</summary>
public enum SettlementParty
{
    /// <summary>Money the alliance keeps or bears.</summary>
    Alliance,

    /// <summary>Money the fund recovers or pays on top of the budget.</summary>
    Fund,
}

/// <summary>One line of the settlement explanation (and one bar of the waterfall).</summary>
/// <param name="Label">What the line is (band, cause, gate).</param>
/// <param name="Amount">Money in yuan: positive = alliance gains / fund pays more, negative = alliance bears / fund recovers.</param>
/// <param name="Party">Whose money the line is.</param>
public sealed record SettlementLine(string Label, decimal Amount, SettlementParty Party);

/// <summary>
/// The year-end settlement between the insurance fund and the alliance. Conservation (exact, in yuan):
/// <c>FundPays = Actual + AllianceRetained − AllianceLoss</c>; on the surplus side
/// <c>FundPays + ReturnedToFund = Budget</c>; on the overrun side <c>FundPays = Budget + FundShareOfOverrun</c>;
/// and <c>YearEndTransfer = FundPays − Advances</c>.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource))]
public sealed record SettlementResult : IHtmlRenderable
{
    /// <summary>Budget B.</summary>
    public required decimal Budget { get; init; }

    /// <summary>Actual fund-liable spending A.</summary>
    public required decimal Actual { get; init; }

    /// <summary>Deviation d = (A − B)/B (positive = overrun).</summary>
    public decimal Deviation => Budget == 0m ? 0m : (Actual - Budget) / Budget;

    /// <summary>Surplus B − A when positive, else 0.</summary>
    public decimal Surplus => Math.Max(0m, Budget - Actual);

    /// <summary>Overrun A − B when positive, else 0.</summary>
    public decimal Overrun => Math.Max(0m, Actual - Budget);

    /// <summary>Surplus the alliance keeps after bands and quality gate (结余留用).</summary>
    public required decimal AllianceRetained { get; init; }

    /// <summary>Overrun the alliance bears (超支自担).</summary>
    public required decimal AllianceLoss { get; init; }

    /// <summary>Surplus that goes back to the fund (bands beyond retention, quality gate).</summary>
    public required decimal ReturnedToFund { get; init; }

    /// <summary>Part of the overrun the fund pays on top of the budget (合理超支分担).</summary>
    public required decimal FundShareOfOverrun { get; init; }

    /// <summary>Quality factor applied to the quality-tied share of retained surplus.</summary>
    public required decimal QualityFactor { get; init; }

    /// <summary>What the fund pays the alliance in total for the year.</summary>
    public decimal FundPays => Actual + AllianceRetained - AllianceLoss;

    /// <summary>Alliance result against its fund-liable spending: retained surplus minus borne overrun.</summary>
    public decimal AllianceNet => AllianceRetained - AllianceLoss;

    /// <summary>Advances paid during the year.</summary>
    public required decimal Advances { get; init; }

    /// <summary>Year-end transfer from the fund (negative = the alliance pays back).</summary>
    public decimal YearEndTransfer => FundPays - Advances;

    /// <summary>The computation, line by line.</summary>
    public required IReadOnlyList<SettlementLine> Lines { get; init; }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Settlement: budget ").Append(PaymentMath.Yuan(Budget)).Append(", actual ").Append(PaymentMath.Yuan(Actual))
          .Append(" (d = ").Append(PaymentMath.Pct(PaymentMath.Coef(Deviation))).AppendLine(")");
        foreach (var l in Lines) sb.Append("  ").Append(l.Label).Append(": ").AppendLine(PaymentMath.Yuan(l.Amount));
        sb.Append("  alliance keeps ").Append(PaymentMath.Yuan(AllianceRetained)).Append(", bears ").Append(PaymentMath.Yuan(AllianceLoss))
          .Append("; fund pays ").Append(PaymentMath.Yuan(FundPays)).Append(", year-end transfer ").Append(PaymentMath.Yuan(YearEndTransfer));
        return sb.ToString();
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        var rows = new List<IReadOnlyList<string>>
        {
            new[] { "Budget B (预算)", PaymentMath.Yuan(Budget) },
            new[] { "Actual fund-liable spending A", PaymentMath.Yuan(Actual) },
            new[] { "Deviation d = (A − B)/B", PaymentMath.Pct(PaymentMath.Coef(Deviation)) },
        };
        foreach (var l in Lines) rows.Add(new[] { l.Label, PaymentMath.Yuan(l.Amount) });
        rows.Add(new[] { "Alliance keeps (结余留用)", PaymentMath.Yuan(AllianceRetained) });
        rows.Add(new[] { "Alliance bears (超支自担)", PaymentMath.Yuan(AllianceLoss) });
        rows.Add(new[] { "Fund pays in total", PaymentMath.Yuan(FundPays) });
        rows.Add(new[] { "Advances already paid", PaymentMath.Yuan(Advances) });
        rows.Add(new[] { "Year-end transfer", PaymentMath.Yuan(YearEndTransfer) });
        return PaymentMath.HtmlTable("Global-budget settlement (总额预算清算)", ["Item", "Yuan"], rows);
    }
}

/// <summary>
/// Settles a global budget between fund and alliance through a <see cref="RiskCorridor"/> (domain spec §3.4).
/// Overrun is laid out uncontrollable part first (shared by the overrun bands), then the management part
/// (borne at <see cref="RiskCorridor.ManagementOverrunAllianceShare"/>), so that any overrun caused by poor
/// management never earns the fund's share. Every amount is rounded to the fen before it is summed.
/// </summary>
public static class GlobalBudgetSettlement
{
    /// <summary>Settles one year; throws on a negative budget or spending, or an invalid corridor.</summary>
    public static SettlementResult Settle(SettlementInput input, RiskCorridor corridor)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(corridor);
        corridor.Validate();
        if (input.Budget <= 0m) throw new ArgumentOutOfRangeException(nameof(input), input.Budget, "budget: must be positive.");
        if (input.Actual < 0m) throw new ArgumentOutOfRangeException(nameof(input), input.Actual, "actual: fund-liable spending cannot be negative.");
        if (input.Advances < 0m) throw new ArgumentOutOfRangeException(nameof(input), input.Advances, "advances: cannot be negative.");
        if (input.ManagementShareOfOverrun is < 0m or > 1m)
            throw new ArgumentOutOfRangeException(nameof(input), input.ManagementShareOfOverrun, "managementShareOfOverrun: must lie in [0, 1].");

        var b = PaymentMath.Money(input.Budget);
        var a = PaymentMath.Money(input.Actual);
        var q = corridor.QualityFactor(input.QualityScore);
        var lines = new List<SettlementLine>();
        decimal retained = 0m, loss = 0m, returned = 0m, fundShare = 0m;

        if (a < b)
        {
            var surplus = b - a;
            var kept = 0m;
            foreach (var band in corridor.SurplusBands)
            {
                var inBand = InBand(surplus, band, b);
                if (inBand == 0m) continue;
                var keep = PaymentMath.Money(inBand * band.AllianceShare);
                kept += keep;
                lines.Add(new($"Surplus {BandLabel(band)} of B ({PaymentMath.Yuan(inBand)}) × {PaymentMath.Pct(band.AllianceShare)} kept", keep, SettlementParty.Alliance));
                if (inBand - keep != 0m) lines.Add(new($"Surplus {BandLabel(band)} of B returned to the fund", -(inBand - keep), SettlementParty.Fund));
            }
            var tied = PaymentMath.Money(kept * corridor.QualityTiedShare);
            var tiedReleased = PaymentMath.Money(tied * q);
            if (tied != tiedReleased)
                lines.Add(new($"Quality gate: {PaymentMath.Pct(corridor.QualityTiedShare)} of kept surplus × factor {PaymentMath.Num(q)} (score {input.QualityScore}) — withheld", -(tied - tiedReleased), SettlementParty.Fund));
            retained = kept - tied + tiedReleased;
            returned = surplus - retained;
        }
        else if (a > b)
        {
            var overrun = a - b;
            var management = PaymentMath.Money(overrun * input.ManagementShareOfOverrun);
            var uncontrollable = overrun - management;
            foreach (var band in corridor.OverrunBands)
            {
                var inBand = InBand(uncontrollable, band, b);
                if (inBand == 0m) continue;
                var bear = PaymentMath.Money(inBand * band.AllianceShare);
                loss += bear;
                lines.Add(new($"Uncontrollable overrun {BandLabel(band)} of B ({PaymentMath.Yuan(inBand)}) × {PaymentMath.Pct(band.AllianceShare)} borne by alliance", -bear, SettlementParty.Alliance));
                if (inBand - bear != 0m) lines.Add(new($"Uncontrollable overrun {BandLabel(band)} of B paid by the fund", inBand - bear, SettlementParty.Fund));
            }
            if (management > 0m)
            {
                var bear = PaymentMath.Money(management * corridor.ManagementOverrunAllianceShare);
                loss += bear;
                lines.Add(new($"Management overrun ({PaymentMath.Yuan(management)}) × {PaymentMath.Pct(corridor.ManagementOverrunAllianceShare)} borne by alliance", -bear, SettlementParty.Alliance));
                if (management - bear != 0m) lines.Add(new("Management overrun paid by the fund", management - bear, SettlementParty.Fund));
            }
            fundShare = overrun - loss;
        }

        return new SettlementResult
        {
            Budget = b,
            Actual = a,
            AllianceRetained = retained,
            AllianceLoss = loss,
            ReturnedToFund = returned,
            FundShareOfOverrun = fundShare,
            QualityFactor = q,
            Advances = PaymentMath.Money(input.Advances),
            Lines = lines,
        };
    }

    /// <summary>Monthly advances (预拨付): <paramref name="prepayRatio"/> of the budget spread over 12 months, exact to the fen.</summary>
    public static decimal[] MonthlyAdvances(decimal budget, decimal prepayRatio)
    {
        if (prepayRatio is < 0m or > 1m) throw new ArgumentOutOfRangeException(nameof(prepayRatio), prepayRatio, "prepayRatio: must lie in [0, 1].");
        return PaymentMath.Allocate(PaymentMath.Money(budget * prepayRatio), Enumerable.Repeat(1m, 12).ToArray());
    }

    private static decimal InBand(decimal amount, CorridorBand band, decimal budget)
    {
        var lo = band.Lower * budget;
        var hi = band.Upper is { } u ? u * budget : decimal.MaxValue;
        return Math.Max(0m, Math.Min(amount, hi) - lo);
    }

    private static string BandLabel(CorridorBand band) =>
        band.Upper is { } u ? $"{PaymentMath.Pct(band.Lower)}–{PaymentMath.Pct(u)}" : $"beyond {PaymentMath.Pct(band.Lower)}";
}
