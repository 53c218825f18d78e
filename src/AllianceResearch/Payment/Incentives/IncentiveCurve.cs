using System.Globalization;
using System.Net;
using System.Text;
using AllianceResearch.Presentation;

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

    /// <inheritdoc />
    public string ToHtml()
    {
        // A small self-drawn step chart keeps the fragment self-contained: the jumps are the point.
        const int width = 520, height = 220, left = 90, right = 16, top = 14, bottom = 36;
        var xs = Points.Select(p => (double)p.MetricValue).ToList();
        var ys = Points.Select(p => (double)p.Received).ToList();
        // The y axis spans the payments actually reached (not from zero): the shape — cliff, ramp, jump — is the point.
        double xMin = xs.Min(), xMax = xs.Max(), yLow = ys.Min(), yHigh = ys.Max();
        if (xMax == xMin) xMax = xMin + 1;
        if (yHigh == yLow) { yHigh += Math.Max(1, Math.Abs(yHigh) * 0.05); yLow -= Math.Max(1, Math.Abs(yLow) * 0.05); }
        var pad = (yHigh - yLow) * 0.08;
        double yMin = yLow - pad, yMax = yHigh + pad;
        string X(double x) => (left + (x - xMin) / (xMax - xMin) * (width - left - right)).ToString("0.#", CultureInfo.InvariantCulture);
        string Y(double y) => (top + (1 - (y - yMin) / (yMax - yMin)) * (height - top - bottom)).ToString("0.#", CultureInfo.InvariantCulture);
        var svg = new StringBuilder($"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" font-family=\"sans-serif\" font-size=\"11\">");
        svg.Append($"<line x1=\"{left}\" y1=\"{Y(yMin)}\" x2=\"{width - right}\" y2=\"{Y(yMin)}\" stroke=\"#999\"/>");
        svg.Append($"<line x1=\"{left}\" y1=\"{top}\" x2=\"{left}\" y2=\"{Y(yMin)}\" stroke=\"#999\"/>");
        foreach (var level in new[] { yLow, yHigh }.Distinct())
        {
            svg.Append($"<line x1=\"{left}\" y1=\"{Y(level)}\" x2=\"{width - right}\" y2=\"{Y(level)}\" stroke=\"#e4e4e4\"/>");
            svg.Append($"<text x=\"{left - 4}\" y=\"{Y(level)}\" text-anchor=\"end\" dominant-baseline=\"middle\">{WebUtility.HtmlEncode(Money.Yuan((decimal)level))}</text>");
        }
        for (var k = 0; k <= 4; k++)
        {
            var xv = xMin + (xMax - xMin) * k / 4;
            svg.Append($"<line x1=\"{X(xv)}\" y1=\"{Y(yMin)}\" x2=\"{X(xv)}\" y2=\"{(top + (height - top - bottom) + 4).ToString(CultureInfo.InvariantCulture)}\" stroke=\"#999\"/>");
            svg.Append($"<text x=\"{X(xv)}\" y=\"{height - 18}\" text-anchor=\"middle\">{Money.Number(Math.Round((decimal)xv, 4))}</text>");
        }
        svg.Append($"<text x=\"{(left + width - right) / 2}\" y=\"{height - 4}\" text-anchor=\"middle\">{WebUtility.HtmlEncode(Metric)}</text>");
        var path = new StringBuilder();
        for (var i = 0; i < xs.Count; i++) path.Append(i == 0 ? "M" : " L").Append(X(xs[i])).Append(',').Append(Y(ys[i]));
        svg.Append($"<path d=\"{path}\" fill=\"none\" stroke=\"#4f81bd\" stroke-width=\"2\"/>");
        foreach (var (x, y) in xs.Zip(ys)) svg.Append($"<circle cx=\"{X(x)}\" cy=\"{Y(y)}\" r=\"2.5\" fill=\"#4f81bd\"/>");
        svg.Append("</svg>");
        return $"<div class=\"incentive-curve\"><p><b>{WebUtility.HtmlEncode(Member)}</b>: received by {WebUtility.HtmlEncode(Metric)} ({WebUtility.HtmlEncode(ContractId)})</p>{svg}</div>";
    }
}
