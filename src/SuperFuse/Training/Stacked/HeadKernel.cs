using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// The standard head after the first layer's product, one data row at a time: + b1 → ReLU → Linear(H, C) →
/// cross-entropy, and its backward. Gradients are added (the caller zeroes them once a step); each row's share of a
/// seed's mean loss is 1/B, as when the seed trains alone.
/// </summary>
internal static unsafe class HeadKernel
{
    /// <summary>
    /// From the first layer's product <paramref name="h"/> (x·W1ᵀ, without b1) adds this row's gradients of b1, W2 and
    /// b2, writes dL/dh into <paramref name="dh"/> and returns the row's loss. <paramref name="a"/> is scratch for H
    /// floats (the ReLU output afterwards).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double Row(float* h, float* dh, float* a, in SeedPointers p, int hidden, int classes, long label, float invBatch)
    {
        float* w2 = p.W2, gw2 = p.GW2, gb2 = p.GB2, gb1 = p.GB1;
        float* z = stackalloc float[classes];
        float max = Logits(h, a, p, hidden, classes, z);
        double sum = 0;
        for (int c = 0; c < classes; c++) sum += Math.Exp(z[c] - max);
        double logSum = max + Math.Log(sum);
        new Span<float>(dh, hidden).Clear();
        for (int c = 0; c < classes; c++)
        {
            float dz = (float)((Math.Exp(z[c] - logSum) - (c == label ? 1 : 0)) * invBatch);
            gb2[c] += dz;
            AddScaled(gw2 + (c * hidden), a, dz, hidden);
            AddScaled(dh, w2 + (c * hidden), dz, hidden);
        }
        MaskAndAdd(a, dh, gb1, hidden);
        return logSum - z[(int)label];
    }

    /// <summary>
    /// The forward pass alone: softmax probabilities (C floats into <paramref name="probabilities"/>) of one row whose
    /// first-layer product without b1 is <paramref name="h"/>; <paramref name="a"/> is scratch for H floats.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Probabilities(float* h, float* a, in SeedPointers p, int hidden, int classes, float* probabilities)
    {
        float max = Logits(h, a, p, hidden, classes, probabilities);
        float sum = 0;
        for (int c = 0; c < classes; c++)
        {
            probabilities[c] = MathF.Exp(probabilities[c] - max);
            sum += probabilities[c];
        }
        for (int c = 0; c < classes; c++) probabilities[c] /= sum;
    }

    // a = ReLU(h + b1) and z = W2·a + b2 for one row (h without b1); returns max z.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Logits(float* h, float* a, in SeedPointers p, int hidden, int classes, float* z)
    {
        Relu(h, p.B1, a, hidden);
        float max = float.NegativeInfinity;
        for (int c = 0; c < classes; c++)
        {
            z[c] = p.B2[c] + Dot(p.W2 + (c * hidden), a, hidden);
            max = Math.Max(max, z[c]);
        }
        return max;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static float Dot(float* x, float* y, int n)
    {
        var acc = Vector256<float>.Zero;
        int j = 0;
        for (; j + 8 <= n; j += 8) acc = Vector256.FusedMultiplyAdd(Vector256.Load(x + j), Vector256.Load(y + j), acc);
        float s = Vector256.Sum(acc);
        for (; j < n; j++) s = MathF.FusedMultiplyAdd(x[j], y[j], s);
        return s;
    }

    // a = max(h + b, 0), element by element as Math.Max does it.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Relu(float* h, float* b, float* a, int n)
    {
        int j = 0;
        for (; j + 8 <= n; j += 8) Vector256.Max(Vector256.Load(h + j) + Vector256.Load(b + j), Vector256<float>.Zero).Store(a + j);
        for (; j < n; j++) a[j] = Math.Max(h[j] + b[j], 0f);
    }

    // dh = 0 where the unit is off (a ≤ 0), then gb1 += dh.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void MaskAndAdd(float* a, float* dh, float* gb1, int n)
    {
        int j = 0;
        for (; j + 8 <= n; j += 8)
        {
            var d = Vector256.ConditionalSelect(Vector256.LessThanOrEqual(Vector256.Load(a + j), Vector256<float>.Zero), Vector256<float>.Zero, Vector256.Load(dh + j));
            d.Store(dh + j);
            (Vector256.Load(gb1 + j) + d).Store(gb1 + j);
        }
        for (; j < n; j++)
        {
            if (a[j] <= 0) dh[j] = 0;
            gb1[j] += dh[j];
        }
    }

    // target += scale · source
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void AddScaled(float* target, float* source, float scale, int n)
    {
        var k = Vector256.Create(scale);
        int j = 0;
        for (; j + 8 <= n; j += 8) Vector256.FusedMultiplyAdd(Vector256.Load(source + j), k, Vector256.Load(target + j)).Store(target + j);
        for (; j < n; j++) target[j] = MathF.FusedMultiplyAdd(source[j], scale, target[j]);
    }
}
