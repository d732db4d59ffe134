using TorchSharp;
using static TorchSharp.torch;

namespace SuperFuse.Training;

/// <summary>
/// Noise-robust training (the paper's future work): each training sample is corrupted independently.
/// </summary>
/// <param name="AlphaMax">Gaussian noise as in protocol §4, x' = x + α·n with n ~ N(μ, σ) per dimension (μ, σ of the
/// training subset) and α ~ U(0, AlphaMax) per sample, on the text, the image or both (one of the three, uniformly); 0 = off.</param>
/// <param name="Dropout">Probability that one modality of a sample (text or image, uniformly) is replaced by its mean; 0 = off.</param>
public sealed record Corruption(double AlphaMax = 0, double Dropout = 0)
{
    /// <summary>True when some corruption is on. A method, not a property: it follows from the two settings, so it is neither saved nor read as a config key.</summary>
    public bool IsOn() => AlphaMax > 0 || Dropout > 0;

    /// <summary>Throws a <see cref="UserInputException"/> for values outside [0, 1).</summary>
    public void Validate()
    {
        if (!(AlphaMax >= 0 && AlphaMax < 1)) throw new UserInputException($"robust.alpha_max is {AlphaMax}; expected 0 ≤ α < 1");
        if (!(Dropout >= 0 && Dropout < 1)) throw new UserInputException($"robust.dropout is {Dropout}; expected 0 ≤ p < 1");
    }
}

/// <summary>Applies a <see cref="Corruption"/> to batches with an explicitly seeded generator.</summary>
internal sealed class Corrupter : IDisposable
{
    private readonly Corruption corruption;
    private readonly Generator generator;
    private readonly Tensor textMean, textStd, imageMean, imageStd;
    private readonly Scalar alphaMax, dropout, third, twoThirds, half;

    public Corrupter(Corruption corruption, PairedTensors train, long seed)
    {
        this.corruption = corruption;
        generator = new Generator((ulong)seed);
        textMean = train.Text.mean([0L], keepdim: true);
        textStd = train.Text.std(0, keepdim: true);
        imageMean = train.Image.mean([0L], keepdim: true);
        imageStd = train.Image.std(0, keepdim: true);
        alphaMax = corruption.AlphaMax.ToScalar();
        dropout = corruption.Dropout.ToScalar();
        third = (1.0 / 3).ToScalar();
        twoThirds = (2.0 / 3).ToScalar();
        half = 0.5.ToScalar();
    }

    /// <summary>Corrupted copies of a batch (inside the caller's dispose scope).</summary>
    public (Tensor Text, Tensor Image) Apply(Tensor text, Tensor image)
    {
        long rows = text.shape[0];
        if (corruption.AlphaMax > 0)
        {
            var alpha = rand([rows, 1], generator: generator).mul_(alphaMax);
            var which = rand([rows, 1], generator: generator);
            var onText = which.lt(twoThirds).to(text.dtype);               // text, or both
            var onImage = which.ge(third).to(image.dtype);                 // image, or both
            // Explicit kept-alive alpha scalars on every add (docs/protocol.md: TorchSharp's GC race on implicit scalars).
            var textNoise = (textStd * randn(text.shape, generator: generator)).add_(textMean, Runtime.Scalars.One);
            var imageNoise = (imageStd * randn(image.shape, generator: generator)).add_(imageMean, Runtime.Scalars.One);
            text = text.add(alpha * onText * textNoise, Runtime.Scalars.One);
            image = image.add(alpha * onImage * imageNoise, Runtime.Scalars.One);
        }
        if (corruption.Dropout > 0)
        {
            var dropped = rand([rows, 1], generator: generator).lt(dropout);
            var side = rand([rows, 1], generator: generator).lt(half);
            text = where(dropped.logical_and(side), textMean.expand_as(text), text);
            image = where(dropped.logical_and(side.logical_not()), imageMean.expand_as(image), image);
        }
        return (text, image);
    }

    public void Dispose()
    {
        generator.Dispose();
        foreach (var t in new[] { textMean, textStd, imageMean, imageStd }) t.Dispose();
        foreach (var s in new[] { alphaMax, dropout, third, twoThirds, half }) s.Dispose();
    }
}
