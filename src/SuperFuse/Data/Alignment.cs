namespace SuperFuse.Data;

/// <summary>
/// How the two modalities are put into one space of one width (protocol §6) before product fusion and the synthetic label.
/// Every method is fitted on the train pool and keeps the modalities' means: it projects the uncentred vectors, which
/// equals projecting the centred ones and adding the projected mean back.
/// </summary>
public enum AlignMethod
{
    /// <summary><see cref="Cca"/> when the widths differ, <see cref="None"/> when they are equal.</summary>
    Auto,

    /// <summary>Leave both modalities as they are.</summary>
    None,

    /// <summary>PCA of the wider modality down to the narrower width (projected mean kept).</summary>
    Pca,

    /// <summary>
    /// PCA with the mean removed, as earlier versions did: every aligned coordinate has mean zero, which cancels the
    /// other modality's linear signal in T_j·I_j. Kept for ablations only.
    /// </summary>
    PcaCentred,

    /// <summary>Regularised canonical correlation analysis: both modalities projected onto k = min(d_t, d_i) paired directions.</summary>
    Cca,

    /// <summary>A fixed seeded random orthogonal projection of the wider modality (QR of a Gaussian matrix).</summary>
    Random,
}

/// <summary>What an alignment did: the aligned data, the method that ran and the common width k (null when none ran).</summary>
public sealed record AlignedData(PairedDataset Data, AlignMethod Method, int? Width);

/// <summary>Aligns a data set's modalities (protocol §6).</summary>
public static class Alignment
{
    /// <summary>Ridge of CCA's covariances as a share of their mean variance: C + λ·(tr C / d)·I with λ = 0.1.</summary>
    public const double DefaultCcaRidge = 0.1;

    /// <summary>The config and command-line names, in <see cref="AlignMethod"/> order.</summary>
    public static IReadOnlyList<string> Names { get; } = ["auto", "none", "pca", "pca-centred", "cca", "random"];

    /// <summary>Parses a name of <see cref="Names"/>.</summary>
    public static AlignMethod Parse(string value)
    {
        int index = Names.ToList().IndexOf(value?.Trim().ToLowerInvariant() ?? "");
        return index >= 0 ? (AlignMethod)index
            : throw new UserInputException($"align '{value}' is not valid; expected {string.Join(", ", Names)}");
    }

    /// <summary>The config name of <paramref name="method"/>.</summary>
    public static string Name(this AlignMethod method) => Names[(int)method];

    /// <summary>What <see cref="AlignMethod.Auto"/> means for <paramref name="data"/>.</summary>
    public static AlignMethod Resolve(AlignMethod method, PairedDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (method != AlignMethod.Auto) return method;
        return data.TextDim == data.ImageDim ? AlignMethod.None : AlignMethod.Cca;
    }

    /// <summary>
    /// The data aligned with <paramref name="method"/>, fitted on <paramref name="fitRows"/> (the train pool); a random
    /// projection is seeded by <paramref name="seed"/>. PCA and random projections need unequal widths (on equal ones
    /// they would only rotate one modality), so they are refused there.
    /// </summary>
    public static AlignedData Apply(PairedDataset data, AlignMethod method, int[] fitRows, int seed, double ccaRidge = DefaultCcaRidge)
    {
        ArgumentNullException.ThrowIfNull(data);
        method = Resolve(method, data);
        if (method == AlignMethod.None) return new AlignedData(data, method, null);
        if (method != AlignMethod.Cca && data.TextDim == data.ImageDim)
        {
            throw new UserInputException(
                $"{data.Source}: align '{method.Name()}' projects the wider modality, but text and image are both {data.TextDim}-d; expected cca, none or auto");
        }
        var (text, image, k) = method == AlignMethod.Cca
            ? AlignmentBases.Cca(data, fitRows, ccaRidge)
            : AlignmentBases.ProjectWider(data, method, fitRows, seed);
        return new AlignedData(data with { Text = text, Image = image, TextDim = k, ImageDim = k }, method, k);
    }
}
