using System.Globalization;

namespace SuperFuse.Robustness;

/// <summary>How noise combines with the clean embedding (protocol §4).</summary>
public enum NoiseMode
{
    /// <summary>x' = x + α·n (default).</summary>
    Additive,

    /// <summary>x' = (1−α)·x + α·n.</summary>
    Mix,
}

/// <summary>Where μ and σ of the noise come from (protocol §4; the paper says train in §3 and test in §4.2).</summary>
public enum StatsSource
{
    /// <summary>The train pool (default).</summary>
    Train,

    /// <summary>The test split.</summary>
    Test,
}

/// <summary>Settings of the noise sweep. Defaults follow protocol §4.</summary>
/// <param name="Alphas">Noise levels; default 0.00, 0.05, …, 0.95.</param>
/// <param name="Mode">Additive or mix.</param>
/// <param name="Stats">Train pool or test split statistics.</param>
/// <param name="PerDimension">Per-dimension μ/σ (default) or one scalar μ/σ per modality.</param>
/// <param name="Seed">The fixed noise seed shared by every model, so fusions see identical corrupted inputs.</param>
/// <param name="Draws">Independent noise realisations per α (each its own stream of the noise seed); default 1.</param>
public sealed record NoiseOptions(
    IReadOnlyList<double>? Alphas = null,
    NoiseMode Mode = NoiseMode.Additive,
    StatsSource Stats = StatsSource.Train,
    bool PerDimension = true,
    int Seed = 12345,
    int Draws = 1)
{
    /// <summary>Most noise draws accepted (each costs a full sweep per cell).</summary>
    public const int MaxDraws = 1000;

    /// <summary>The paper's grid 0.00 … 0.95 in steps of 0.05.</summary>
    public static IReadOnlyList<double> DefaultAlphas { get; } =
        Enumerable.Range(0, 20).Select(k => Math.Round(k * 0.05, 2)).ToArray();

    /// <summary>The α grid in use.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<double> Levels => Alphas ?? DefaultAlphas;

    /// <summary>Throws a <see cref="UserInputException"/> unless every α is in [0, 1), the grid starts at 0 and draws ≥ 1.</summary>
    public void Validate()
    {
        if (Draws < 1 || Draws > MaxDraws)
        {
            throw new UserInputException($"noise.draws is {Draws}; expected 1 to {MaxDraws} noise realisations per α");
        }
        foreach (double a in Levels)
        {
            if (!(a >= 0 && a < 1))
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"noise.alphas: noise level α = {a} is outside [0, 1); expected 0 ≤ α < 1"));
            }
        }
        if (Levels.Count == 0 || Levels[0] != 0)
        {
            throw new UserInputException("noise.alphas: noise levels must start at α = 0 (the clean reference); expected a list such as 0,0.05,0.1");
        }
    }
}

/// <summary>Which modality is corrupted.</summary>
public enum NoiseCondition
{
    /// <summary>Text only.</summary>
    Text,

    /// <summary>Image only.</summary>
    Image,

    /// <summary>Both at once.</summary>
    Both,
}
