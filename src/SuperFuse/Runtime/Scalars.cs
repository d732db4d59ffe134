using TorchSharp;

namespace SuperFuse.Runtime;

/// <summary>
/// Scalars that live for the whole process. TorchSharp 0.107 turns numbers into <see cref="Scalar"/> objects
/// implicitly (even inside its own overloads, e.g. <c>add_(s)</c> calls <c>add_(s, 1)</c>); such a temporary is
/// unreachable while libtorch still reads it, so a garbage collection at that moment lets its finalizer free it and
/// libtorch reads freed memory ("toFloat … Expected false to be true", or a segfault). Hot paths therefore pass
/// explicit scalars: these, or ones held in a <c>using</c> until the call returns.
/// </summary>
public static class Scalars
{
    /// <summary>The constant 1 (the alpha of a plain add).</summary>
    public static Scalar One { get; } = 1.0.ToScalar();

    /// <summary>The constant 0.</summary>
    public static Scalar Zero { get; } = 0.0.ToScalar();
}
