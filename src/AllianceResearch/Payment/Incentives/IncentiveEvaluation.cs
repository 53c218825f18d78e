using System.Net;
using System.Text;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Payment.Incentives;

/// <summary>What a payment line is: money earned, a bonus, a transfer, a split share, or money returned.</summary>
public enum PaymentLineKind
{
    /// <summary>Earned from a pool component.</summary>
    Earned,

    /// <summary>A tournament bonus.</summary>
    Bonus,

    /// <summary>A rate-based transfer (revenue return, guidance fee, premium share, cover).</summary>
    Transfer,

    /// <summary>A share of a split.</summary>
    Split,

    /// <summary>Money not earned or not allocated, returned to whoever funded it.</summary>
    Returned,
}

/// <summary>One movement of money from a payer to a recipient, with the steps that produced it.</summary>
public sealed record PaymentLine
{
    /// <summary>The clause that produced the line.</summary>
    public required string ClauseId { get; init; }

    /// <summary>The pool component, when the line comes from one.</summary>
    public string? ComponentId { get; init; }

    /// <summary>What kind of movement this is.</summary>
    public required PaymentLineKind Kind { get; init; }

    /// <summary>Who pays.</summary>
    public required string Payer { get; init; }

    /// <summary>Who receives.</summary>
    public required string Recipient { get; init; }

    /// <summary>For returned money: the member whose unearned entitlement it was.</summary>
    public string? OnBehalfOf { get; init; }

    /// <summary>Amount in yuan (rounded to the fen).</summary>
    public required decimal Amount { get; init; }

    /// <summary>Each step of the calculation, with its arithmetic.</summary>
    public required IReadOnlyList<string> Steps { get; init; }

    /// <inheritdoc />
    public override string ToString() =>
        $"{ClauseId}{(ComponentId is null ? "" : "/" + ComponentId)}: {Payer} → {Recipient} {Money.Yuan(Amount)} ({Kind})";
}

/// <summary>
/// A clause's money balance: <see cref="Funded"/> = <see cref="Paid"/> + <see cref="Returned"/> exactly,
/// the conservation rule every clause obeys (the pool is fully allocated or the remainder returned).
/// </summary>
public sealed record ClauseBalance
{
    /// <summary>The clause.</summary>
    public required string ClauseId { get; init; }

    /// <summary>Clause kind (pool, rate, split).</summary>
    public required string Kind { get; init; }

    /// <summary>Money put in by funders or payers.</summary>
    public required decimal Funded { get; init; }

    /// <summary>Money paid to recipients.</summary>
    public required decimal Paid { get; init; }

    /// <summary>Money returned to whoever funded it.</summary>
    public required decimal Returned { get; init; }

    /// <summary>True when funded equals paid plus returned to the fen.</summary>
    public bool Conserved => Funded == Paid + Returned;
}

/// <summary>One party's totals (a member, a funder or a named use): received, paid out and net.</summary>
public sealed record PartyTotal
{
    /// <summary>Party identifier.</summary>
    public required string Party { get; init; }

    /// <summary>Display name.</summary>
    public required string Name { get; init; }

    /// <summary>True when the party is a row of the metrics table.</summary>
    public required bool IsMember { get; init; }

    /// <summary>Total received.</summary>
    public required decimal Received { get; init; }

    /// <summary>Total paid out (as funder or payer).</summary>
    public required decimal PaidOut { get; init; }

    /// <summary>Received minus paid out.</summary>
    public decimal Net => Received - PaidOut;
}

/// <summary>
/// The result of evaluating a contract against member metrics: every payment line with its explanation,
/// each clause's balance, and each party's totals. Nets over all parties sum to zero.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record IncentiveEvaluation : IHtmlRenderable
{
    /// <summary>The contract evaluated.</summary>
    public required IncentiveContract Contract { get; init; }

    /// <summary>Every line in clause order, then member order.</summary>
    public required IReadOnlyList<PaymentLine> Lines { get; init; }

    /// <summary>One balance per clause.</summary>
    public required IReadOnlyList<ClauseBalance> Balances { get; init; }

    /// <summary>Totals per party: members the contract involves, in table order, then other parties in order of appearance.</summary>
    public required IReadOnlyList<PartyTotal> Parties { get; init; }

    /// <summary>What <paramref name="party"/> received in total (0 if it received nothing).</summary>
    public decimal ReceivedBy(string party) => Parties.FirstOrDefault(p => p.Party == party)?.Received ?? 0m;

    /// <summary>What <paramref name="party"/> received from one clause (and optionally one component).</summary>
    public decimal ReceivedBy(string party, string clauseId, string? componentId = null) =>
        Lines.Where(l => l.Recipient == party && l.ClauseId == clauseId && l.Kind != PaymentLineKind.Returned
                         && (componentId is null || l.ComponentId == componentId))
             .Sum(l => l.Amount);

    /// <summary>Net position of <paramref name="party"/> (received minus paid out).</summary>
    public decimal NetOf(string party) => Parties.FirstOrDefault(p => p.Party == party)?.Net ?? 0m;

    /// <summary>The balance of one clause.</summary>
    public ClauseBalance BalanceOf(string clauseId) =>
        Balances.FirstOrDefault(b => b.ClauseId == clauseId)
        ?? throw new KeyNotFoundException($"Contract '{Contract.Id}' has no clause '{clauseId}'.");

    /// <summary>The explanation of everything a party received or paid, step by step.</summary>
    public string Explain(string party)
    {
        var sb = new StringBuilder();
        sb.AppendLine($"{party}:");
        foreach (var line in Lines.Where(l => l.Recipient == party || l.Payer == party || l.OnBehalfOf == party))
        {
            sb.AppendLine($"  {line}");
            foreach (var step in line.Steps) sb.AppendLine($"    - {step}");
        }
        return sb.ToString();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.AppendLine($"Incentive contract {Contract.Id}{(Contract.Name is null ? "" : " — " + Contract.Name)}" +
                      $"{(Contract.NameZh is null ? "" : " (" + Contract.NameZh + ")")}");
        if (Contract.Source is not null) sb.AppendLine($"Source: {Contract.Source}");
        sb.AppendLine();
        sb.AppendLine("Clause balances (funded = paid + returned):");
        foreach (var b in Balances)
        {
            sb.AppendLine($"  {b.ClauseId,-24} {b.Kind,-6} funded {Money.Yuan(b.Funded),16}  paid {Money.Yuan(b.Paid),16}  returned {Money.Yuan(b.Returned),14}");
        }
        sb.AppendLine();
        sb.AppendLine("Parties:");
        foreach (var p in Parties)
        {
            sb.AppendLine($"  {p.Name,-28} received {Money.Yuan(p.Received),16}  paid out {Money.Yuan(p.PaidOut),16}  net {Money.Yuan(p.Net),16}");
        }
        sb.AppendLine();
        sb.AppendLine("Steps:");
        foreach (var line in Lines)
        {
            sb.AppendLine($"  {line}");
            foreach (var step in line.Steps) sb.AppendLine($"    - {step}");
        }
        return sb.ToString();
    }

    /// <summary>
    /// A chart of the net position of the members and of named uses (who gains, who pays); pure funders and
    /// outside payers are left out so their totals do not dwarf the members.
    /// </summary>
    public Figure ToFigure()
    {
        var shown = Parties.Where(p => p.IsMember || p.PaidOut == 0m).ToList();
        var largest = shown.Select(p => Math.Abs(p.Net)).DefaultIfEmpty(0m).Max();
        var (scale, unit) = largest >= 10_000_000m ? (1_000_000m, "¥ million") : largest >= 10_000m ? (1_000m, "¥ thousand") : (1m, "¥");
        var names = shown.Select(p => p.Name).ToList();
        var nets = shown.Select(p => (double)(p.Net / scale)).ToList();
        return Figure.Create(640, Math.Max(240, 110 + 28 * names.Count))
            .Title("Net position of each party")
            .Subtitle(Contract.Name ?? Contract.Id)
            .Panel(p => p.Bar(names, nets, label: "net", orientation: Orientation.Horizontal)
                .XLabel($"received − paid out ({unit})")
                .XFormat(NumberFormat.Thousands()))
            .Caption(shown.Count < Parties.Count ? "Funders and outside payers are not shown; see the table." : "")
            .Legend(LegendPosition.None);
    }

    /// <inheritdoc />
    public string ToHtml()
    {
        static string E(string s) => WebUtility.HtmlEncode(s);
        var sb = new StringBuilder();
        sb.Append("<div class=\"incentive-evaluation\">");
        sb.Append($"<h4>{E(Contract.Name ?? Contract.Id)}{(Contract.NameZh is null ? "" : " <small>" + E(Contract.NameZh) + "</small>")}</h4>");
        if (Contract.Source is not null) sb.Append($"<p><small>Source: {E(Contract.Source)}</small></p>");
        if (Parties.Any(p => p.IsMember || p.PaidOut == 0m)) sb.Append(ToFigure().ToSvg());
        sb.Append("<table><thead><tr><th>Party</th><th style=\"text-align:right\">Received</th><th style=\"text-align:right\">Paid out</th><th style=\"text-align:right\">Net</th></tr></thead><tbody>");
        foreach (var p in Parties)
        {
            sb.Append($"<tr><td>{E(p.Name)}</td><td style=\"text-align:right\">{E(Money.Yuan(p.Received))}</td>" +
                      $"<td style=\"text-align:right\">{E(Money.Yuan(p.PaidOut))}</td><td style=\"text-align:right\"><b>{E(Money.Yuan(p.Net))}</b></td></tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append("<table><thead><tr><th>Clause</th><th>Kind</th><th style=\"text-align:right\">Funded</th><th style=\"text-align:right\">Paid</th><th style=\"text-align:right\">Returned</th><th>Conserved</th></tr></thead><tbody>");
        foreach (var b in Balances)
        {
            sb.Append($"<tr><td>{E(b.ClauseId)}</td><td>{E(b.Kind)}</td><td style=\"text-align:right\">{E(Money.Yuan(b.Funded))}</td>" +
                      $"<td style=\"text-align:right\">{E(Money.Yuan(b.Paid))}</td><td style=\"text-align:right\">{E(Money.Yuan(b.Returned))}</td><td>{(b.Conserved ? "✓" : "✗")}</td></tr>");
        }
        sb.Append("</tbody></table>");
        sb.Append("<details><summary>Every step</summary><ul>");
        foreach (var line in Lines)
        {
            sb.Append($"<li>{E(line.ToString())}<ul>");
            foreach (var step in line.Steps) sb.Append($"<li>{E(step)}</li>");
            sb.Append("</ul></li>");
        }
        sb.Append("</ul></details></div>");
        return sb.ToString();
    }
}
