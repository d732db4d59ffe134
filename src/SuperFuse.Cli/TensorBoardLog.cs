using SuperFuse.IO;
using SuperFuse.Training;
using TorchSharp.Modules;
using static TorchSharp.torch.utils;

namespace SuperFuse.Cli;

/// <summary>
/// Per-cell TensorBoard event files (<c>DIR/&lt;cell key&gt;/events.out.tfevents.*</c>): training loss and validation
/// accuracy per epoch, tags <c>train/loss</c> and <c>validation/accuracy</c>. View with <c>tensorboard --logdir DIR</c>.
/// </summary>
public sealed class TensorBoardLog : IProgress<EpochReport>
{
    private readonly SummaryWriter writer;

    /// <summary>Opens the event file of cell <paramref name="key"/> under <paramref name="folder"/>.</summary>
    public TensorBoardLog(string folder, string key)
    {
        string dir = Path.Combine(folder, key);
        OutputFolder.Ensure(dir);
        writer = tensorboard.SummaryWriter(dir, createRunName: false);
    }

    /// <inheritdoc/>
    public void Report(EpochReport value)
    {
        ArgumentNullException.ThrowIfNull(value);
        writer.add_scalar("train/loss", (float)value.TrainLoss, value.Epoch);
        writer.add_scalar("validation/accuracy", (float)value.ValidationAccuracy, value.Epoch);
    }
}
