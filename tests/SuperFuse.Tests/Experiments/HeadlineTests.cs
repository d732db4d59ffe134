using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;
using SuperFuse.Model;
using SuperFuse.Tests.Support;
using SuperFuse.Training;

namespace SuperFuse.Tests.Experiments;

/// <summary>The paper's headline effect on the built-in 768-d data: product fusion solves sign(T·I) from 1,024 samples.</summary>
public sealed class HeadlineTests
{
    public HeadlineTests() => TorchFixture.Start();

    [Fact]
    public void Product_reaches_95_percent_on_synthetic_at_1024_while_concat_stays_far_below()
    {
        var data = new PreparedData(BuiltinDataset.Generate(new BuiltinOptions()), splitSeed: 0);
        double Accuracy(string fusion)
        {
            var spec = new CellSpec(FusionId.Parse(fusion), LearningTask.Synthetic, 1024, 1, 0, new TrainOptions(), new ModelOptions());
            var (result, model) = CellRunner.Run(data, spec);
            model.Dispose();
            return result.TestAccuracy;
        }
        double product = Accuracy("product");
        double concat = Accuracy("concat");
        Assert.True(product >= 0.95, $"product {product:P1}");
        Assert.True(concat <= product - 0.15, $"concat {concat:P1} vs product {product:P1}");
    }
}
