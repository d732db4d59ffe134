using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.Model;

namespace SuperFuse.Reporting;

/// <summary>Writes a trained cell's best checkpoint (TorchSharp format) and its spec beside it.</summary>
public static class CheckpointFiles
{
    /// <summary>File name of the weights inside the output folder.</summary>
    public const string WeightsFile = "model.bin";

    /// <summary>
    /// Saves the model's weights to <c>folder/model.bin</c> and the cell spec to <c>folder/cell.json</c>, each written
    /// to a temporary name first and then renamed, so a killed process never leaves a half-written file.
    /// Returns the weights path.
    /// </summary>
    public static string Save(FusionClassifier model, CellResult result, string folder)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        OutputFolder.Ensure(folder);
        string weights = Path.Combine(folder, WeightsFile);
        string temp = weights + ".tmp";
        model.save(temp);
        File.Move(temp, weights, overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(folder, "cell.json"), JsonSerializer.Serialize(result.Spec, ResultJson.Options));
        return weights;
    }
}
