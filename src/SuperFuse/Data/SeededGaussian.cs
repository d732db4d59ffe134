namespace SuperFuse.Data;

/// <summary>Standard normal draws from an explicit seed (Box–Muller over <see cref="Random"/>'s seeded stream).</summary>
public sealed class SeededGaussian(int seed)
{
    private readonly Random random = new(seed);
    private double? spare;

    /// <summary>One N(0, 1) draw.</summary>
    public double Next()
    {
        if (spare is double s)
        {
            spare = null;
            return s;
        }
        double u1 = 1.0 - random.NextDouble();
        double u2 = random.NextDouble();
        double r = Math.Sqrt(-2.0 * Math.Log(u1));
        spare = r * Math.Sin(2 * Math.PI * u2);
        return r * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>A vector of N(0, 1) draws.</summary>
    public double[] Vector(int length)
    {
        var v = new double[length];
        for (int k = 0; k < length; k++) v[k] = Next();
        return v;
    }

    /// <summary>A uniformly random unit vector.</summary>
    public double[] UnitVector(int length)
    {
        var v = Vector(length);
        double norm = Math.Sqrt(v.Sum(x => x * x));
        for (int k = 0; k < length; k++) v[k] /= norm;
        return v;
    }
}
