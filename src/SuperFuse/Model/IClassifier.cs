using static TorchSharp.torch;

namespace SuperFuse.Model;

/// <summary>What the generic trainer needs from a model: outputs, a loss, and probabilities.</summary>
public interface IClassifier
{
    /// <summary>The underlying module (parameters, state dict, train/eval mode).</summary>
    nn.Module Network { get; }

    /// <summary>Raw outputs (B, C) for text (B, d_t) and image (B, d_i).</summary>
    Tensor Outputs(Tensor text, Tensor image);

    /// <summary>The training loss of outputs (B, C) against int64 labels (B).</summary>
    Tensor Loss(Tensor outputs, Tensor labels);

    /// <summary>Class probabilities (B, C) from outputs.</summary>
    Tensor Probabilities(Tensor outputs);
}
