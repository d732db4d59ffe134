using SuperFuse.Fusion;
using SuperFuse.Model;

namespace SuperFuse.Training;

/// <summary>Which trainer runs a cell.</summary>
public enum TrainerKind
{
    /// <summary>The generic autograd <see cref="Plain.Trainer"/>, one model at a time.</summary>
    Plain,

    /// <summary>All seeds of a (fusion, task, size) at once on fused vectors computed once.</summary>
    Stacked,

    /// <summary>Tensor-like fusions, one seed at a time, first layer as two GEMMs with a hand-written backward.</summary>
    Bilinear,
}

/// <summary>Chooses the trainer: the fast ones cover the paper's fusions with the standard head and clean training.</summary>
public static class TrainerChoice
{
    /// <summary>Bytes the fused vectors of the whole data set may take before the stacked trainer is not used.</summary>
    public const long FusedBytesLimit = 4L << 30;

    /// <summary>Bytes the stacked weights (values, gradients, two moments, best copy) of one group may take.</summary>
    public const long WeightBytesLimit = 2L << 30;

    /// <summary>
    /// The trainer for a group of <paramref name="seeds"/> cells of <paramref name="fusion"/> on <paramref name="rows"/>
    /// data rows; <paramref name="fast"/> false always gives <see cref="TrainerKind.Plain"/>.
    /// </summary>
    public static TrainerKind For(bool fast, FusionMethod fusion, int textDim, int imageDim, int rows, int seeds,
        TrainOptions train, ModelOptions model)
    {
        ArgumentNullException.ThrowIfNull(fusion);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(model);
        if (!fast || model.Head != HeadKind.Standard || train.Robust?.IsOn() == true) return TrainerKind.Plain;
        if (fusion.ParameterCount(textDim, imageDim) != 0) return TrainerKind.Plain;
        if (fusion.IsBilinear) return TrainerKind.Bilinear;
        long dim = fusion.OutputDim(textDim, imageDim);
        long weightBytes = 6L * 4 * seeds * ((dim + 1) * model.Hidden);
        return 4L * rows * dim <= FusedBytesLimit && weightBytes <= WeightBytesLimit ? TrainerKind.Stacked : TrainerKind.Plain;
    }
}
