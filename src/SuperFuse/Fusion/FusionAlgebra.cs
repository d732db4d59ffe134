namespace SuperFuse.Fusion;

/// <summary>
/// How a fused vector depends on its inputs, so an evaluation can expand F(T + α·a, I + α·b) in powers of α instead
/// of fusing every corrupted input again.
/// </summary>
public enum FusionAlgebra
{
    /// <summary>No structure is used.</summary>
    Other,

    /// <summary>Linear in (T, I) jointly: F(T + a, I + b) = F(T, I) + F(a, b) (concat, sum).</summary>
    Linear,

    /// <summary>
    /// Linear in T and in I separately, every feature a product of one T and one I coordinate:
    /// F(T + a, I + b) = F(T, I) + F(a, I) + F(T, b) + F(a, b) (product, product:k).
    /// </summary>
    Bilinear,
}
