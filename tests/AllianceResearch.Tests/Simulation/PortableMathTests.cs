using AllianceResearch.Simulation;

namespace AllianceResearch.Tests.Simulation;

public sealed class PortableMathTests
{
    [Fact]
    public void AgreesWithThePlatformLibraryToAFewUlps()
    {
        // Reference: the platform's Math.Log / Math.Exp (correct to about 1 ulp). Tolerance ~2 ulp relative (4e-16), plus 1e-17 absolute near log 1 = 0.
        var rng = new SeededRandom(7);
        for (var i = 0; i < 20_000; i++)
        {
            var x = Math.Pow(10, -30 + 60 * rng.NextDouble());
            var log = PortableMath.Log(x);
            Assert.True(Math.Abs(log - Math.Log(x)) <= 4e-16 * Math.Abs(Math.Log(x)) + 1e-17, $"log({x}): {log} vs {Math.Log(x)}");
            var y = -50 + 100 * rng.NextDouble();
            var exp = PortableMath.Exp(y);
            Assert.True(Math.Abs(exp - Math.Exp(y)) <= 4e-16 * Math.Exp(y), $"exp({y}): {exp} vs {Math.Exp(y)}");
        }
        Assert.Equal(0.0, PortableMath.Log(1.0));
        Assert.Equal(1.0, PortableMath.Exp(0.0));
        Assert.Equal(Math.Log(2.0), PortableMath.Log(2.0), 15);
    }

    [Fact]
    public void OutOfDomainThrowsInsteadOfNaN()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Log(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => PortableMath.Exp(800));
    }
}
