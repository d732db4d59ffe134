using SuperFuse.Metrics;

namespace SuperFuse.Tests.Metrics;

public sealed class RocTests
{
    [Fact]
    public void Perfect_scores_give_auc_1_and_reversed_give_0()
    {
        Assert.Equal(1.0, Roc.Compute([0.9, 0.8, 0.2, 0.1], [true, true, false, false]).Auc);
        Assert.Equal(0.0, Roc.Compute([0.1, 0.2, 0.8, 0.9], [true, true, false, false]).Auc);
    }

    [Fact]
    public void Auc_equals_the_mann_whitney_count_with_ties_as_half()
    {
        // Positives 0.8, 0.4; negatives 0.6, 0.4. Pairs: (0.8>0.6)=1, (0.8>0.4)=1, (0.4<0.6)=0, (0.4=0.4)=0.5 → 2.5/4.
        var roc = Roc.Compute([0.8, 0.4, 0.6, 0.4], [true, true, false, false]);
        Assert.Equal(0.625, roc.Auc, 12);
        Assert.Equal(0.0, roc.FalsePositiveRate[0]);
        Assert.Equal(1.0, roc.TruePositiveRate[^1]);
    }

    [Fact]
    public void One_class_only_gives_nan() => Assert.True(double.IsNaN(Roc.Compute([0.2, 0.3], [true, true]).Auc));

    [Fact]
    public void Accuracy_takes_the_argmax() =>
        Assert.Equal(2.0 / 3, Classification.Accuracy([0.9f, 0.1f, 0.2f, 0.8f, 0.6f, 0.4f], [0L, 1L, 1L]), 12);
}
