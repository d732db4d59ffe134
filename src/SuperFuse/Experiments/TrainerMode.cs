namespace SuperFuse.Experiments;

/// <summary>Which trainers a study uses (protocol §3): the same protocol either way.</summary>
public enum TrainerMode
{
    /// <summary>The paper's fusions train all seeds of a size at once (tensor-like ones with a two-GEMM first layer).</summary>
    Fast,

    /// <summary>Every cell with the generic autograd trainer, one model at a time.</summary>
    Plain,
}

/// <summary>Parses <see cref="TrainerMode"/> names.</summary>
public static class TrainerModes
{
    /// <summary>"fast" or "plain" (case-insensitive); a <see cref="UserInputException"/> otherwise.</summary>
    public static TrainerMode Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "fast" => TrainerMode.Fast,
        "plain" => TrainerMode.Plain,
        _ => throw new UserInputException($"trainer is '{name}'; expected fast or plain"),
    };
}
