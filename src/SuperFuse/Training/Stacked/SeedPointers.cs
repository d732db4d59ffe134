using SuperFuse.Runtime;

namespace SuperFuse.Training.Stacked;

/// <summary>Where one seed's weights and gradients of the standard head start in <see cref="StackedWeights"/>.</summary>
internal readonly unsafe struct SeedPointers
{
    public SeedPointers(StackedWeights weights, int seed)
    {
        float* values = NativeBuffer.Floats(weights.Values), gradients = NativeBuffer.Floats(weights.Gradients);
        W1 = values + weights.Offset(0, seed);
        B1 = values + weights.Offset(1, seed);
        W2 = values + weights.Offset(2, seed);
        B2 = values + weights.Offset(3, seed);
        GW1 = gradients + weights.Offset(0, seed);
        GB1 = gradients + weights.Offset(1, seed);
        GW2 = gradients + weights.Offset(2, seed);
        GB2 = gradients + weights.Offset(3, seed);
    }

    public float* W1 { get; }

    public float* B1 { get; }

    public float* W2 { get; }

    public float* B2 { get; }

    public float* GW1 { get; }

    public float* GB1 { get; }

    public float* GW2 { get; }

    public float* GB2 { get; }
}
