using SuperFuse.Model;
using static TorchSharp.torch;

namespace SuperFuse.Training.Stacked;

/// <summary>
/// The weights of K models with the standard head, Linear(D, H) → ReLU → Linear(H, C), in one flat buffer, part by
/// part: the K <c>project.weight</c> (K, H, D), then the K <c>project.bias</c> (K, H), <c>out.weight</c> (K, C, H) and
/// <c>out.bias</c> (K, C), so each part is one contiguous batch for the GEMMs. Gradients live in a buffer of the same
/// layout, so one optimizer pass updates every seed.
/// </summary>
internal sealed class StackedWeights : IDisposable
{
    private static readonly string[] Keys = ["project.weight", "project.bias", "out.weight", "out.bias"];

    public StackedWeights(int seeds, long inputDim, int hidden, int classes)
    {
        Seeds = seeds;
        InputDim = inputDim;
        Hidden = hidden;
        Classes = classes;
        long[] sizes = [hidden * inputDim, hidden, (long)classes * hidden, classes];
        offsets = new long[sizes.Length + 1];
        for (int i = 0; i < sizes.Length; i++) offsets[i + 1] = offsets[i] + (seeds * sizes[i]);
        Values = zeros(offsets[^1]);
        Gradients = zeros(offsets[^1]);
    }

    private readonly long[] offsets;

    /// <summary>Where seed <paramref name="seed"/>'s part <paramref name="part"/> (0 W1, 1 b1, 2 W2, 3 b2) starts, in floats.</summary>
    public long Offset(int part, int seed) => offsets[part] + (seed * PartLength(part));

    /// <summary>Floats of one seed's part <paramref name="part"/>.</summary>
    public long PartLength(int part) => (offsets[part + 1] - offsets[part]) / Seeds;

    /// <summary>Number of parts per seed (W1, b1, W2, b2).</summary>
    public int PartCount => offsets.Length - 1;

    public int Seeds { get; }

    public long InputDim { get; }

    public int Hidden { get; }

    public int Classes { get; }

    /// <summary>All weights, part-major: every seed's W1, then every b1, W2, b2.</summary>
    public Tensor Values { get; }

    /// <summary>Their gradients, same layout.</summary>
    public Tensor Gradients { get; }

    public Tensor W1(Tensor flat) => Part(flat, 0, Hidden, InputDim);

    public Tensor B1(Tensor flat) => Part(flat, 1, Hidden);

    public Tensor W2(Tensor flat) => Part(flat, 2, Classes, Hidden);

    public Tensor B2(Tensor flat) => Part(flat, 3, Classes);

    private Tensor Part(Tensor flat, int part, params long[] shape)
    {
        using var slice = flat.narrow(0, offsets[part], offsets[part + 1] - offsets[part]);
        return slice.view([Seeds, .. shape]);
    }

    private Tensor[] Parts(Tensor flat) => [W1(flat), B1(flat), W2(flat), B2(flat)];

    /// <summary>Copies a model's weights into seed <paramref name="seed"/>.</summary>
    public void Load(int seed, FusionClassifier model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var state = model.state_dict();
        var parts = Parts(Values);
        for (int i = 0; i < Keys.Length; i++) parts[i][seed].copy_(state[Keys[i]]);
    }

    /// <summary>Copies seed <paramref name="seed"/> of <paramref name="flat"/> (Values or a snapshot) into a model.</summary>
    public void Store(Tensor flat, int seed, FusionClassifier model)
    {
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var state = model.state_dict();
        var parts = Parts(flat);
        for (int i = 0; i < Keys.Length; i++) state[Keys[i]].copy_(parts[i][seed]);
    }

    /// <summary>Copies seed <paramref name="seed"/>'s weights from one flat buffer of this layout to another.</summary>
    public void CopySeed(Tensor from, Tensor to, int seed)
    {
        using var scope = NewDisposeScope();
        var source = Parts(from);
        var target = Parts(to);
        for (int i = 0; i < source.Length; i++) target[i][seed].copy_(source[i][seed]);
    }

    public void Dispose()
    {
        Values.Dispose();
        Gradients.Dispose();
    }
}
