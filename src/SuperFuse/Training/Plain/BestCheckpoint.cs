using static TorchSharp.torch;

namespace SuperFuse.Training.Plain;

/// <summary>Keeps a copy of the weights of the best validation epoch (strictly greater wins).</summary>
internal sealed class BestCheckpoint(nn.Module module)
{
    private Dictionary<string, Tensor>? weights;

    /// <summary>Best epoch so far (0 before any).</summary>
    public int Epoch { get; private set; }

    /// <summary>Its validation accuracy (−1 before any).</summary>
    public double Accuracy { get; private set; } = -1;

    /// <summary>Snapshots the weights if <paramref name="accuracy"/> beats the best so far.</summary>
    public void Offer(int epoch, double accuracy)
    {
        if (!(accuracy > Accuracy)) return;
        Epoch = epoch;
        Accuracy = accuracy;
        Release();
        // The scope keeps every temporary reachable until the copies are made: an unreachable TorchSharp temporary
        // (the detach() below) can otherwise be finalized while libtorch still reads it.
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        weights = module.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.detach().clone().DetachFromDisposeScope());
    }

    /// <summary>Loads the best weights back into the module and frees the copy.</summary>
    public void Restore()
    {
        if (weights is null) return;
        using (NewDisposeScope())
        using (no_grad())
        {
            module.load_state_dict(weights);
        }
        Release();
    }

    private void Release()
    {
        if (weights is null) return;
        foreach (var t in weights.Values) t.Dispose();
        weights = null;
    }
}
