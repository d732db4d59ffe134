using SuperFuse.Data;
using SuperFuse.Fusion;
using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Benchmarks;

/// <summary>
/// The naive baseline: what a PyTorch user writes. One model at a time, the fused vector materialised for every
/// batch, <c>nn.Linear</c> → ReLU → <c>nn.Linear</c>, autograd, and TorchSharp's stock <c>optim.AdamW</c>.
/// </summary>
internal sealed class NaiveLoop : IDisposable
{
    private readonly FusionMethod fusion;
    private readonly Tensor text, image, labels;
    private readonly nn.Module<Tensor, Tensor> model;
    private readonly optim.Optimizer optimizer;
    private readonly Random order;
    private readonly int rows;

    public NaiveLoop(FusionMethod fusion, PairedDataset data, int seed)
    {
        this.fusion = fusion;
        rows = data.Count;
        text = tensor(data.Text, [data.Count, data.TextDim]);
        image = tensor(data.Image, [data.Count, data.ImageDim]);
        labels = tensor(data.Labels.Select(y => (long)y).ToArray());
        random.manual_seed(seed);
        model = nn.Sequential(("project", nn.Linear(fusion.OutputDim(data.TextDim, data.ImageDim), 32)), ("relu", nn.ReLU()),
            ("out", nn.Linear(32, data.ClassCount)));
        optimizer = optim.AdamW(model.parameters(), lr: 1e-3, weight_decay: 0);
        order = new Random(seed);
    }

    /// <summary>One training step on <paramref name="batch"/> random rows.</summary>
    public void Step(int batch)
    {
        using var scope = NewDisposeScope();
        var index = tensor(Enumerable.Range(0, batch).Select(_ => (long)order.Next(rows)).ToArray());
        var fused = fusion.Fuse(text.index_select(0, index), image.index_select(0, index));
        var loss = nn.functional.cross_entropy(model.forward(fused), labels.index_select(0, index));
        optimizer.zero_grad();
        loss.backward();
        optimizer.step();
    }

    public void Dispose()
    {
        optimizer.Dispose();
        model.Dispose();
        text.Dispose();
        image.Dispose();
        labels.Dispose();
    }
}
