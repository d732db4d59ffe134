using static TorchSharp.torch;

namespace SuperFuse.Runtime;

/// <summary>
/// Rows of a row-major float matrix copied straight into a new native tensor. <c>torch.tensor(float[])</c> would need
/// the rows gathered into a managed array first: a second copy that stays on the large-object heap until a full
/// collection, which for a large data set's features is gigabytes of resident memory nothing uses.
/// </summary>
internal static class TensorRows
{
    /// <summary>Rows [<paramref name="start"/>, <paramref name="start"/> + <paramref name="count"/>) as a (count, dim) tensor.</summary>
    public static unsafe Tensor Range(float[] matrix, int dim, int start, int count)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        var rows = matrix.AsSpan(checked(start * dim), checked(count * dim));   // checked before the tensor exists
        var result = empty([count, dim]);
        rows.CopyTo(new Span<float>(NativeBuffer.Floats(result), count * dim));
        return result;
    }

    /// <summary>Rows <paramref name="rows"/> of <paramref name="matrix"/>, in that order, as a (rows, dim) tensor.</summary>
    public static unsafe Tensor Gather(float[] matrix, int dim, IReadOnlyList<int> rows)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        ArgumentNullException.ThrowIfNull(rows);
        var result = empty([rows.Count, dim]);
        try
        {
            float* to = NativeBuffer.Floats(result);
            for (int k = 0; k < rows.Count; k++)
            {
                matrix.AsSpan(checked(rows[k] * dim), dim).CopyTo(new Span<float>(to + ((long)k * dim), dim));
            }
            return result;
        }
        catch
        {
            result.Dispose();
            throw;
        }
    }
}
