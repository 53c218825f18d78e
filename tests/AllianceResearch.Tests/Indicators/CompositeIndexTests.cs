using AllianceResearch.Indicators;

namespace AllianceResearch.Tests.Indicators;

public sealed class CompositeIndexTests
{
    private static readonly CompositeCriterion[] Criteria =
    [
        new("A1", ImprovementDirection.HigherIsBetter), new("K5", ImprovementDirection.LowerIsBetter), new("O1", ImprovementDirection.LowerIsBetter),
    ];

    [Fact]
    public void WorkedExampleOfSection79()
    {
        // Domain notes §7.9: X (85.71, 28.0, 35.0), Y (78.0, 32.0, 40.0), Z (90.0, 30.0, 33.0); A1 ↑, drug share ↓, OOP share ↓.
        // Normalised by hand: A1 (7.71/12 = 0.6425, 0, 1); K5 ((32−28)/4 = 1, 0, 0.5); O1 ((40−35)/7 = 0.7143, 0, 1).
        // The stated results: weights 0.328 / 0.353 / 0.320, closeness X 0.760, Z 0.736, Y 0.000.
        var values = new double[,] { { 85.71, 28.0, 35.0 }, { 78.0, 32.0, 40.0 }, { 90.0, 30.0, 33.0 } };
        var r = CompositeIndex.EntropyTopsis(["X", "Y", "Z"], Criteria, values);
        Assert.Equal([0.328, 0.353, 0.320], r.Weights.Select(w => Math.Round(w, 3)));
        double C(string u) => Math.Round(r.Scores.Single(s => s.Unit == u).Closeness, 3);
        Assert.Equal((0.760, 0.736, 0.000), (C("X"), C("Z"), C("Y")));
        Assert.Equal(["X", "Z", "Y"], r.Scores.OrderBy(s => s.Rank).Select(s => s.Unit));
    }

    [Fact]
    public void ConstantCriterionIsDroppedAndBadInputNamed()
    {
        // A fourth criterion equal for all units carries no information (max = min): dropped, weights unchanged.
        var values = new double[,] { { 85.71, 28.0, 35.0, 5 }, { 78.0, 32.0, 40.0, 5 }, { 90.0, 30.0, 33.0, 5 } };
        var r = CompositeIndex.EntropyTopsis(["X", "Y", "Z"], [.. Criteria, new("Q7", ImprovementDirection.HigherIsBetter)], values);
        Assert.Equal(["Q7"], r.DroppedCriteria);
        Assert.Equal(0.328, Math.Round(r.Weights[0], 3));

        var bad = new double[,] { { 1, double.NaN, 3 }, { 2, 3, 4 } };
        var ex = Assert.Throws<ArgumentException>(() => CompositeIndex.EntropyTopsis(["X", "Y"], Criteria, bad));
        Assert.Contains("K5", ex.Message);
        Assert.Contains("'X'", ex.Message);
        Assert.Throws<ArgumentException>(() => CompositeIndex.EntropyTopsis(["X"], Criteria, new double[,] { { 1, 2, 3 } }));
        Assert.Throws<ArgumentException>(() =>
            CompositeIndex.EntropyTopsis(["X", "Y"], [new CompositeCriterion("C4", ImprovementDirection.Monitor)], new double[,] { { 1 }, { 2 } }));
    }

    [Fact]
    public void BandCriterionScoresDistanceFromTarget()
    {
        // Band "closer to 85 is better", max deviation 10: 85 → 1, 90 → 0.5, 70 → 0 (clamped). Alone it ranks 85 first.
        var r = CompositeIndex.EntropyTopsis(["a", "b", "c"], [new CompositeCriterion("C4", ImprovementDirection.Monitor, 85, 10)],
            new double[,] { { 90 }, { 85 }, { 70 } });
        Assert.Equal(["b", "a", "c"], r.Scores.OrderBy(s => s.Rank).Select(s => s.Unit));
        Assert.Equal(1.0, r.Scores.Single(s => s.Unit == "b").Closeness, 12);
    }
}
