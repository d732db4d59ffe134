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

    [Fact]
    public void Curve_has_one_point_per_distinct_threshold_as_counted_by_hand()
    {
        var random = new Random(4);
        for (int round = 0; round < 20; round++)
        {
            int count = random.Next(1, 300);
            double[] scores = Enumerable.Range(0, count).Select(_ => random.Next(0, 25) / 8.0).ToArray();   // many ties
            bool[] positive = Enumerable.Range(0, count).Select(_ => random.Next(2) == 1).ToArray();
            var roc = Roc.Compute(scores, positive);
            double p = positive.Count(x => x), n = count - p;
            var thresholds = scores.Distinct().OrderDescending().ToArray();
            Assert.Equal(thresholds.Length + 1, roc.FalsePositiveRate.Length);
            for (int t = 0; t < thresholds.Length; t++)
            {
                int tp = Enumerable.Range(0, count).Count(i => positive[i] && scores[i] >= thresholds[t]);
                int fp = Enumerable.Range(0, count).Count(i => !positive[i] && scores[i] >= thresholds[t]);
                Assert.Equal(n > 0 ? fp / n : double.NaN, roc.FalsePositiveRate[t + 1]);
                Assert.Equal(p > 0 ? tp / p : double.NaN, roc.TruePositiveRate[t + 1]);
            }
            if (p > 0 && n > 0)
            {
                double wins = Enumerable.Range(0, count).Where(i => positive[i]).Sum(i => Enumerable.Range(0, count).Where(j => !positive[j])
                    .Sum(j => scores[i] > scores[j] ? 1.0 : scores[i] == scores[j] ? 0.5 : 0));
                Assert.Equal(wins / (p * n), roc.Auc, 12);
            }
        }
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    public void Curve_from_probabilities_equals_the_curve_of_their_scores(int classes)
    {
        var random = new Random(classes);
        for (int round = 0; round < 20; round++)
        {
            int count = random.Next(1, 500);
            var probabilities = Enumerable.Range(0, count * classes).Select(_ => random.Next(0, 9) / 8f).ToArray();   // 0, 1 and many ties
            probabilities[0] = -0f;
            var labels = Enumerable.Range(0, count).Select(_ => (long)random.Next(classes)).ToList();
            var fast = Roc.FromProbabilities(probabilities, labels);
            var reference = Roc.Compute(Enumerable.Range(0, count).Select(r => (double)probabilities[(r * classes) + 1]).ToArray(),
                labels.Select(y => y == 1).ToArray());
            Assert.Equal(reference.FalsePositiveRate, fast.FalsePositiveRate);
            Assert.Equal(reference.TruePositiveRate, fast.TruePositiveRate);
            Assert.Equal(reference.Auc, fast.Auc);
            Assert.Equal(BitConverter.DoubleToInt64Bits(fast.Auc), BitConverter.DoubleToInt64Bits(Roc.Auc(probabilities, labels)));
        }
    }

    [Fact]
    public void Auc_alone_is_the_curves_auc_to_the_bit_on_continuous_scores_and_one_class()
    {
        var random = new Random(7);
        var probabilities = Enumerable.Range(0, 2 * 3000).Select(_ => random.NextSingle()).ToArray();
        var labels = Enumerable.Range(0, 3000).Select(_ => (long)random.Next(2)).ToArray();
        Assert.Equal(BitConverter.DoubleToInt64Bits(Roc.FromProbabilities(probabilities, labels).Auc),
            BitConverter.DoubleToInt64Bits(Roc.Auc(probabilities, labels)));
        Assert.True(double.IsNaN(Roc.Auc(probabilities, labels.Select(_ => 1L).ToArray())));
    }

    [Fact]
    public void A_nan_probability_is_ranked_as_the_general_curve_ranks_it()
    {
        float[] probabilities = [0.4f, 0.6f, float.NaN, float.NaN, 0.9f, 0.1f, 0.3f, 0.7f];
        long[] labels = [1, 0, 1, 0];
        var reference = Roc.Compute([0.6, double.NaN, 0.1, 0.7], [true, false, true, false]);
        var fast = Roc.FromProbabilities(probabilities, labels);
        Assert.Equal(reference.FalsePositiveRate, fast.FalsePositiveRate);
        Assert.Equal(reference.TruePositiveRate, fast.TruePositiveRate);
        Assert.Equal(reference.Auc, Roc.Auc(probabilities, labels));
    }

    [Fact]
    public void Accuracy_counts_the_predictions_that_match()
    {
        var random = new Random(3);
        var probabilities = Enumerable.Range(0, 3 * 400).Select(_ => random.Next(0, 4) / 3f).ToArray();   // ties pick the lower class
        var labels = Enumerable.Range(0, 400).Select(_ => (long)random.Next(3)).ToArray();
        var predicted = Classification.Predictions(probabilities, 3);
        Assert.Equal(labels.Where((y, r) => predicted[r] == y).Count() / 400.0, Classification.Accuracy(probabilities, labels));
    }
}
