namespace SuperFuse.Experiments;

/// <summary>Named starting points for a study.</summary>
public static class Presets
{
    /// <summary>Preset names.</summary>
    public static IReadOnlyList<string> Names { get; } = ["quick", "paper", "cpu-paper"];

    /// <summary>
    /// <c>quick</c>: the default, ≤ 5 min on 2 cores. A scaled-down study on 128-d built-in data (tensor fusion at 768-d
    /// costs ~113 MFLOP per training sample, too much for a five-minute run), 5 seeds (the fewest the claims are judged with), sizes 32…2048, 30 epochs.
    /// <c>paper</c>: the full protocol: 768-d, 20 seeds, sizes 32 … full pool, 100 epochs, concat/product/tensor, both tasks.
    /// <c>cpu-paper</c>: <c>paper</c> with tensor fusion capped at 512 training samples (see docs/protocol.md).
    /// </summary>
    public static StudyConfig Get(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "quick" => new StudyConfig
        {
            BuiltinCount = 4000,
            BuiltinDims = 128,
            Sizes = [32, 64, 128, 256, 512, 1024, 2048],
            Seeds = [1, 2, 3, 4, 5],
            Epochs = 30,
        },
        "paper" => new StudyConfig(),
        "cpu-paper" => new StudyConfig { SizeCaps = new Dictionary<string, int> { ["tensor"] = 512, ["tfn"] = 512 } },
        _ => throw new UserInputException($"unknown preset '{name}'; expected one of {string.Join(", ", Names)}"),
    };
}
