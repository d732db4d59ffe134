using SuperFuse.Fusion;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace SuperFuse.Model;

/// <summary>
/// The SuperFuse model (paper Figure 4, protocol §3): fusion → Linear(D, 32) → ReLU → head → softmax.
/// Field names are the state-dict keys: <c>project.weight</c> (32, D), <c>project.bias</c>, <c>out.weight</c> …
/// </summary>
public sealed class FusionClassifier : nn.Module<Tensor, Tensor, Tensor>, IClassifier
{
    private readonly FusionMethod fusion;
    private readonly nn.Module<Tensor, Tensor, Tensor>? fuse;
    private readonly HeadKind head;
    private readonly Linear project;
    private readonly Linear? middle;
    private readonly Linear @out;

    /// <summary>
    /// Builds the model. Weights use libtorch's default Linear init from its global generator, so callers seed it
    /// first (<see cref="ModelFactory"/> does).
    /// </summary>
    public FusionClassifier(FusionMethod fusion, int textDim, int imageDim, int classes, ModelOptions options)
        : base("FusionClassifier")
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(options);
        this.fusion = fusion;
        head = options.Head;
        fuse = fusion.CreateModule(textDim, imageDim);
        project = nn.Linear(fusion.OutputDim(textDim, imageDim), options.Hidden);
        if (head == HeadKind.Reference) middle = nn.Linear(options.Hidden, options.Hidden);
        @out = nn.Linear(options.Hidden, classes);
        RegisterComponents();
    }

    /// <inheritdoc/>
    public nn.Module Network => this;

    /// <summary>Outputs (B, C) for text (B, d_t) and image (B, d_i).</summary>
    public override Tensor forward(Tensor text, Tensor image)
    {
        using var h = Project(text, image);
        using var a = nn.functional.relu(h);
        if (middle is null) return @out.forward(a);
        using var m = middle.forward(a);
        return @out.forward(m);
    }

    private Tensor Project(Tensor text, Tensor image)
    {
        if (fuse is null) return fusion.FirstLayer(text, image, project.weight!, project.bias!);
        using var fused = fuse.forward(text, image);
        return project.forward(fused);
    }

    /// <inheritdoc/>
    public Tensor Outputs(Tensor text, Tensor image) => forward(text, image);

    /// <inheritdoc/>
    public Tensor Loss(Tensor outputs, Tensor labels)
    {
        if (head == HeadKind.Standard) return nn.functional.cross_entropy(outputs, labels);
        // The reference code applies softmax and then CrossEntropyLoss, which applies log-softmax again.
        using var probs = nn.functional.softmax(outputs, 1);
        return nn.functional.cross_entropy(probs, labels);
    }

    /// <inheritdoc/>
    public Tensor Probabilities(Tensor outputs) => nn.functional.softmax(outputs, 1);

    /// <summary>Number of trainable scalars.</summary>
    public long ParameterCount() => parameters().Sum(p => p.numel());
}
