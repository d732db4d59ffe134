namespace SuperFuse.Model;

/// <summary>Which classifier head follows the fusion (protocol §3).</summary>
public enum HeadKind
{
    /// <summary>Linear(D, 32) → ReLU → Linear(32, C); cross-entropy on the logits. The default.</summary>
    Standard,

    /// <summary>
    /// As public code that looks like the authors': Linear(D, 32) → ReLU → Linear(32, 32) → Linear(32, C), with softmax
    /// applied before CrossEntropyLoss (a double softmax). For faithful reproduction only.
    /// </summary>
    Reference,
}

/// <summary>Model settings.</summary>
/// <param name="Hidden">Width of the projection after the fusion; 32 as in the paper ("project … to a 32-dimensional vector").</param>
/// <param name="Head">Classifier head variant.</param>
public sealed record ModelOptions(int Hidden = 32, HeadKind Head = HeadKind.Standard)
{
    /// <summary>Parses "standard" or "reference".</summary>
    public static HeadKind ParseHead(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "standard" => HeadKind.Standard,
        "reference" => HeadKind.Reference,
        _ => throw new UserInputException($"unknown head '{name}'; expected standard or reference"),
    };
}
