using System.Text.Json;
using SuperFuse.Experiments;
using SuperFuse.IO;
using SuperFuse.Model;

namespace SuperFuse.Results;

/// <summary>
/// Writes a trained cell's best checkpoint in TorchSharp's format (<c>model.bin</c>) and as <c>model.safetensors</c>
/// (for PyTorch: docs/export.md), with its spec beside them.
/// </summary>
public static class CheckpointFiles
{
    /// <summary>File name of the weights inside the output folder.</summary>
    public const string WeightsFile = "model.bin";

    /// <summary>File name of the safetensors export.</summary>
    public const string SafetensorsFile = "model.safetensors";

    /// <summary>File name of the result written beside the checkpoint (the object <c>superfuse train --json</c> prints).</summary>
    public const string ResultFile = "result.json";

    /// <summary>
    /// Saves the model's weights to <c>folder/model.bin</c> and the cell spec (every training and model setting) to
    /// <c>folder/cell.json</c>, each written to a temporary name first and then renamed, so a killed process never
    /// leaves a half-written file. Returns the weights path.
    /// </summary>
    public static string Save(FusionClassifier model, CellResult result, string folder, Data.PairedDataset data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(data);
        OutputFolder.Ensure(folder);
        string weights = Path.Combine(folder, WeightsFile);
        string temp = weights + ".tmp";
        model.save(temp);
        File.Move(temp, weights, overwrite: true);
        var spec = result.Spec;
        SafetensorsWriter.Save(model, Path.Combine(folder, SafetensorsFile),
            SafetensorsWriter.Describe(spec.Fusion.Name, data.TextDim, data.ImageDim, data.ClassNames, spec.Model.Hidden));
        AtomicFile.WriteAllText(Path.Combine(folder, "cell.json"), JsonSerializer.Serialize(result.Spec, ResultJson.Options));
        return weights;
    }
}
