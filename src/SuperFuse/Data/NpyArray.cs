namespace SuperFuse.Data;

/// <summary>
/// An array read from a <c>.npy</c> file, always in C (row-major) order. Floating dtypes fill <see cref="Floats"/>,
/// integer and bool dtypes fill <see cref="Integers"/>.
/// </summary>
/// <param name="Source">File (or archive member) it came from, for error messages.</param>
/// <param name="Dtype">The numpy dtype string as written in the header, e.g. <c>&lt;f4</c>.</param>
/// <param name="Shape">Dimensions; empty for a scalar.</param>
/// <param name="Floats">Values of a floating array, else null.</param>
/// <param name="Integers">Values of an integer or bool array, else null.</param>
public sealed record NpyArray(string Source, string Dtype, int[] Shape, float[]? Floats, long[]? Integers)
{
    /// <summary>Number of elements.</summary>
    public long Length => Shape.Aggregate(1L, (a, b) => a * b);

    /// <summary>True for float16/32/64 arrays.</summary>
    public bool IsFloating => Floats is not null;
}
