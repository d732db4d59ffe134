namespace SuperFuse.Tests.Support;

/// <summary>Row-major embedding matrices in tests.</summary>
internal static class Vectors
{
    /// <summary>Cosine similarity of row <paramref name="rowA"/> of <paramref name="a"/> and row <paramref name="rowB"/> of <paramref name="b"/>.</summary>
    public static double Cosine(float[] a, int rowA, float[] b, int rowB, int dim)
    {
        double dot = 0, na = 0, nb = 0;
        for (int j = 0; j < dim; j++)
        {
            double x = a[(rowA * dim) + j], y = b[(rowB * dim) + j];
            dot += x * y;
            na += x * x;
            nb += y * y;
        }
        return dot / Math.Sqrt(na * nb);
    }
}
