using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Experiments;

/// <summary>
/// Product fusion multiplies T_j by I_j. When the label lives in the text only, F_j = T_j·I_j still carries it through
/// E[I_j]·T_j once the aligned image keeps its mean; centring the image (the old PCA) makes F symmetric under T → −T,
/// so a label that flips with T cannot be learnt.
/// </summary>
public sealed class AlignedProductTests
{
    /// <summary>Text 8-d N(0, 1) with y = [w·T &gt; 0]; image 16-d N(1, 0.5²), independent of both.</summary>
    private static PairedDataset TextOnlyLabel(int rows = 1600)
    {
        var g = new SeededGaussian(5);
        double[] w = g.Vector(8);
        var text = new float[rows * 8];
        var image = new float[rows * 16];
        var labels = new int[rows];
        for (int r = 0; r < rows; r++)
        {
            double dot = 0;
            for (int j = 0; j < 8; j++)
            {
                text[r * 8 + j] = (float)g.Next();
                dot += w[j] * text[r * 8 + j];
            }
            for (int j = 0; j < 16; j++) image[r * 16 + j] = (float)(1 + 0.5 * g.Next());
            labels[r] = dot > 0 ? 1 : 0;
        }
        return new PairedDataset(text, image, labels, 8, 16, ["neg", "pos"], "text-only");
    }

    private static double ProductAccuracy(AlignMethod align)
    {
        TorchFixture.Start();
        var data = new PreparedData(TextOnlyLabel(), splitSeed: 0, align);
        var (result, model) = CellRunner.Run(data, Cells.Spec("product", LearningTask.Real, size: 1024, epochs: 30));
        model.Dispose();
        return result.TestAccuracy;
    }

    [Fact]
    public void Product_learns_a_text_only_label_once_the_image_keeps_its_mean()
    {
        double kept = ProductAccuracy(AlignMethod.Pca);
        double centred = ProductAccuracy(AlignMethod.PcaCentred);
        Assert.True(kept > 0.85, $"pca (mean kept): {kept:0.000}");
        Assert.True(centred < 0.65, $"pca-centred: {centred:0.000}");
    }
}
