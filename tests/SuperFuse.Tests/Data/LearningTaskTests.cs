using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class LearningTaskTests
{
    [Fact]
    public void Synthetic_label_is_the_sign_of_T_dot_I()
    {
        // Rows: T·I = 1·2 + 1·(−3) = −1 → 0; T·I = 2·1 + 0 = 2 → 1; T·I = 0 → 0 (not > 0).
        var data = new PairedDataset([1, 1, 2, 0, 0, 0], [2, -3, 1, 5, 1, 1], [1, 1, 0], 2, 2, ["a", "b"], "t");
        var synthetic = LearningTask.Synthetic.Apply(data);
        Assert.Equal([0, 1, 0], synthetic.Labels);
        Assert.Same(data, LearningTask.Real.Apply(data));
    }

    [Fact]
    public void Synthetic_on_unequal_dims_is_a_user_error()
    {
        var data = new PairedDataset([1, 2], [1, 2, 3], [0], 2, 3, ["a", "b"], "t");
        Assert.Throws<UserInputException>(() => LearningTask.Synthetic.Apply(data));
    }

    [Fact]
    public void Unknown_task_is_a_user_error() =>
        Assert.Contains("real or synthetic", Assert.Throws<UserInputException>(() => LearningTasks.Parse("fake")).Message, StringComparison.Ordinal);
}
