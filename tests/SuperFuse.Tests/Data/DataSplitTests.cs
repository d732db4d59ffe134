using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class DataSplitTests
{
    private static readonly int[] Labels = Enumerable.Range(0, 1000).Select(r => r % 4 == 0 ? 1 : 0).ToArray();

    [Fact]
    public void Split_is_80_10_10_disjoint_and_stratified()
    {
        var split = DataSplit.Stratified(Labels, 0);
        Assert.Equal(800, split.TrainPool.Length);
        Assert.Equal(100, split.Validation.Length);
        Assert.Equal(100, split.Test.Length);
        Assert.Equal(1000, split.TrainPool.Concat(split.Validation).Concat(split.Test).Distinct().Count());
        Assert.Equal(25, split.Test.Count(r => Labels[r] == 1));
    }

    [Fact]
    public void Same_split_seed_gives_the_same_split_and_another_differs()
    {
        Assert.Equal(DataSplit.Stratified(Labels, 3).Test, DataSplit.Stratified(Labels, 3).Test);
        Assert.NotEqual(DataSplit.Stratified(Labels, 3).Test, DataSplit.Stratified(Labels, 4).Test);
    }

    [Fact]
    public void Subsets_are_nested_within_a_seed_and_differ_between_seeds()
    {
        var split = DataSplit.Stratified(Labels, 0);
        var small = split.Subset(seed: 5, size: 32);
        var large = split.Subset(seed: 5, size: 64);
        Assert.Equal(small, large[..32]);
        Assert.NotEqual(small, split.Subset(seed: 6, size: 32));
        Assert.All(large, r => Assert.Contains(r, split.TrainPool));
    }

    [Fact]
    public void Size_larger_than_the_pool_is_a_user_error()
    {
        var split = DataSplit.Stratified(Labels, 0);
        Assert.Throws<UserInputException>(() => split.Subset(1, 801));
    }

    [Fact]
    public void Ladder_doubles_from_32_then_ends_at_the_pool()
    {
        Assert.Equal([32, 64, 128, 256, 300], TrainingSizes.Ladder(300));
        Assert.Equal([32, 64, 128, 256], TrainingSizes.Ladder(256));
        Assert.Equal(15, TrainingSizes.Ladder(327_700).Count);
    }
}
