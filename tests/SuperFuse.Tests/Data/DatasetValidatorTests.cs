using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class DatasetValidatorTests
{
    private static PairedDataset Valid() => new([1, 2, 3, 4], [4, 3, 2, 1], [0, 1], 2, 2, ["0", "1"], "d.npz");

    [Fact]
    public void A_valid_set_passes() => DatasetValidator.Validate(Valid());

    [Theory]
    [InlineData(float.NaN, "NaN")]
    [InlineData(float.PositiveInfinity, "Inf")]
    public void Non_finite_values_name_field_row_and_column(float bad, string word)
    {
        var data = Valid();
        data.Image[3] = bad;
        var error = Assert.Throws<UserInputException>(() => DatasetValidator.Validate(data));
        Assert.Equal($"d.npz: field 'image' row 1, column 1 is {word}; expected finite numbers", error.Message);
    }

    [Fact]
    public void Row_count_mismatch_names_the_field()
    {
        var data = Valid() with { Text = [1, 2] };
        var error = Assert.Throws<UserInputException>(() => DatasetValidator.Validate(data));
        Assert.Contains("field 'text' has 1 rows but the labels have 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Labels_outside_the_classes_name_the_row()
    {
        var data = Valid() with { Labels = [0, 2] };
        var error = Assert.Throws<UserInputException>(() => DatasetValidator.Validate(data));
        Assert.Contains("row 1 is 2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Integer_labels_must_cover_0_to_C_minus_1()
    {
        var error = Assert.Throws<UserInputException>(() => LabelEncoding.FromIntegers([1, 2, 2], "y.npy", "label"));
        Assert.Contains("never has class 0", error.Message, StringComparison.Ordinal);
        Assert.Throws<UserInputException>(() => LabelEncoding.FromIntegers([0, -1], "y.npy", "label"));
    }

    [Fact]
    public void Empty_and_single_class_sets_are_rejected()
    {
        Assert.Throws<UserInputException>(() => DatasetValidator.Validate(new PairedDataset([], [], [], 2, 2, ["0", "1"], "e")));
        Assert.Throws<UserInputException>(() => DatasetValidator.Validate(Valid() with { Labels = [0, 0], ClassNames = ["0"] }));
    }
}
