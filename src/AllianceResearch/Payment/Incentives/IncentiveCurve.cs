using System.Text;
using AllianceResearch.Presentation;
using AllianceResearch.Presentation.Charts;

namespace AllianceResearch.Payment.Incentives;

/// <summary>One point of an incentive curve: a metric value and what the member receives at it.</summary>
public sealed record IncentiveCurvePoint
{
    /// <summary>The metric value tried.</summary>
    public required decimal MetricValue { get; init; }

    /// <summary>What the member receives in total.</summary>
    public required decimal Received { get; init; }

    /// <summary>The member's net position (received minus paid out).</summary>
    public required decimal Net { get; init; }
}

/// <summary>
/// How one member's payment responds to one of its metrics, everything else held fixed: the incentive a
/// contract actually creates. A threshold rule shows a cliff (where gaming pays most), a pro-rata rule a
/// ramp, a tournament a jump that depends on the other members.
/// </summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public sealed record IncentiveCurve : IHtmlRenderable
{
    /// <summary>The contract.</summary>
    public required string ContractId { get; init; }

    /// <summary>The member whose metric varies.</summary>
    public required string Member { get; init; }

    /// <summary>The metric varied.</summary>
    public required string Metric { get; init; }

    /// <summary>The points, in the order of the values given.</summary>
    public required IReadOnlyList<IncentiveCurvePoint> Points { get; init; }

    /// <summary>Evaluates <paramref name="contract"/> once per value of <paramref name="metric"/> for <paramref name="member"/>.</summary>
    public static IncentiveCurve Compute(IncentiveContract contract, MemberMetrics metrics, string member, string metric, IEnumerable<decimal> values)
    {
        ArgumentNullException.ThrowIfNull(contract);
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(values);
        if (!metrics.Contains(member)) throw new ArgumentException($"Member '{member}' is not in {metrics.Origin}.", nameof(member));
        var points = new List<IncentiveCurvePoint>();
        foreach (var value in values)
        {
            var rows = metrics.Rows.Select(r => r.Member != member ? r : r with
            {
                Metrics = new Dictionary<string, decimal>(r.Metrics, StringComparer.Ordinal) { [metric] = value },
            });
            var evaluation = IncentiveEvaluator.Evaluate(contract, new MemberMetrics(rows, metrics.Origin));
            points.Add(new IncentiveCurvePoint { MetricValue = value, Received = evaluation.ReceivedBy(member), Net = evaluation.NetOf(member) });
        }
        if (points.Count == 0) throw new ArgumentException("Give at least one metric value.", nameof(values));
        return new IncentiveCurve { ContractId = contract.Id, Member = member, Metric = metric, Points = points };
    }

    /// <summary>Evenly spaced values from <paramref name="from"/> to <paramref name="to"/> inclusive.</summary>
    public static IReadOnlyList<decimal> Range(decimal from, decimal to, decimal step)
    {
        if (step <= 0) throw new ArgumentOutOfRangeException(nameof(step), "The step must be positive.");
        var list = new List<decimal>();
        for (var v = from; v <= to; v += step) list.Add(v);
        return list;
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var sb = new StringBuilder($"Incentive curve of {Member} in {ContractId}: received by {Metric}{Environment.NewLine}");
        foreach (var p in Points) sb.AppendLine($"  {Money.Number(p.MetricValue),10}  {Money.Yuan(p.Received),18}");
        return sb.ToString();
    }

    /// <summary>The curve as a chart (step-like line with markers) to show, restyle or save.</summary>
    public Figure ToFigure()
    {
        var xs = Points.Select(p => (double)p.MetricValue).ToList();
        var ys = Points.Select(p => (double)p.Received).ToList();
        return Figure.Create(640, 300)
            .Title($"{Member}: payment received as {Metric} varies")
            .Subtitle($"contract {ContractId}; everything else held fixed")
            .Panel(p => p.Line(xs, ys, label: "received", markers: true)
                .XLabel(Metric)
                .YLabel("received (yuan)")
                .YFormat(NumberFormat.Yuan(0)))
            .Legend(LegendPosition.None);
    }

    /// <inheritdoc />
    public string ToHtml() => $"<div class=\"incentive-curve\">{ToFigure().ToSvg()}</div>";
}
