namespace SuperFuse.Data;

/// <summary>Settings of the built-in simulated data set. Defaults make the <c>quick</c> runs meaningful.</summary>
/// <param name="Count">Rows to generate; 10,000 gives a train pool of 8,000 (sizes 32 … 8,000).</param>
/// <param name="TextDim">Text width; 768 as CLIP ViT-L/14 in the paper.</param>
/// <param name="ImageDim">Image width; 768 as in the paper.</param>
/// <param name="Seed">Generator seed; the same seed gives the same bytes.</param>
/// <param name="SpectrumDecay">Per-dimension std ∝ (j+1)^−decay: CLIP-like anisotropy, a few dims carry most variance.</param>
/// <param name="SharedAxes">Number K of dominant directions that both modalities vary along (CLIP's narrow cone).</param>
/// <param name="AxisStrength">Std of the loading on the first shared axis; axis k has AxisStrength·0.7^k.</param>
/// <param name="CrossCorrelation">Share ρ of each modality's variation that comes from a common latent factor.</param>
/// <param name="TextSignal">Strength of the sentiment direction in text, in units of the text's typical std.</param>
/// <param name="ImageSignal">Strength in the image; below text, as the paper found text carries more sentiment.</param>
/// <param name="LabelNoise">Std of the noise added to the latent sentiment before thresholding it into a label.</param>
public sealed record BuiltinOptions(
    int Count = 10_000,
    int TextDim = 768,
    int ImageDim = 768,
    int Seed = 0,
    double SpectrumDecay = 0.8,
    int SharedAxes = 16,
    double AxisStrength = 1.5,
    double CrossCorrelation = 0.5,
    double TextSignal = 1.2,
    double ImageSignal = 0.6,
    double LabelNoise = 0.5);

/// <summary>
/// Simulated CLIP-like embedding pairs, so that everything runs without a download. Not real data: see
/// docs/builtin-data.md for what it does and does not model.
/// </summary>
public static class BuiltinDataset
{
    /// <summary>The name users give to <c>--data</c> for this data set.</summary>
    public const string Name = "builtin";

    /// <summary>
    /// Each row: a latent sentiment s ~ N(0,1) and label 1[s + noise &gt; 0]; a shared factor c ~ N(0, I) and private
    /// factors; text = μ_t + Σ_k g_k·V_k + σ ⊙ (√(1−ρ²) z_t + ρ c) + a_t·s·u_t, image likewise with its own loadings
    /// g on the same axes V, c permuted across dims (so the modalities correlate, but not dim by dim) and a weaker a_i.
    /// </summary>
    public static PairedDataset Generate(BuiltinOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var layout = new BuiltinLayout(options);
        var rng = new SeededGaussian(options.Seed + 1);
        var text = new float[(long)options.Count * options.TextDim];
        var image = new float[(long)options.Count * options.ImageDim];
        var labels = new int[options.Count];
        for (int r = 0; r < options.Count; r++)
        {
            double s = rng.Next();
            labels[r] = s + (options.LabelNoise * rng.Next()) > 0 ? 1 : 0;
            var common = rng.Vector(Math.Max(options.TextDim, options.ImageDim));
            layout.FillText(text.AsSpan(r * options.TextDim, options.TextDim), s, common, rng);
            layout.FillImage(image.AsSpan(r * options.ImageDim, options.ImageDim), s, common, rng);
        }
        return new PairedDataset(text, image, labels, options.TextDim, options.ImageDim,
            ["negative", "positive"], Name);
    }
}
