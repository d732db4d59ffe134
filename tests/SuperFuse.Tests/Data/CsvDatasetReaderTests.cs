using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class CsvDatasetReaderTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Csv(string text)
    {
        File.WriteAllText(dir.File("e.csv"), text);
        return dir.File("e.csv");
    }

    [Fact]
    public void Reads_one_column_per_value()
    {
        var data = DatasetLoader.Load(Csv("text_0,text_1,image_0,label\n1,2,3,0\n4,5,6,1\n"));
        Assert.Equal((2, 2, 1), (data.Count, data.TextDim, data.ImageDim));
        Assert.Equal([1f, 2f, 4f, 5f], data.Text);
        Assert.Equal([0, 1], data.Labels);
    }

    [Fact]
    public void Reads_list_columns_and_string_labels()
    {
        var data = DatasetLoader.Load(Csv("text,image,label\n\"[0.5, 1.5]\",\"[1, 2, 3]\",pos\n\"[2, 3]\",\"[4, 5, 6]\",neg\n"));
        Assert.Equal((2, 3), (data.TextDim, data.ImageDim));
        Assert.Equal(["neg", "pos"], data.ClassNames);
        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void A_non_number_names_its_line_and_field()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Csv("text_0,image_0,label\n1,2,0\nx,3,1\n")));
        Assert.Contains("line 3 field 'text' holds 'x'", e.Message, StringComparison.Ordinal);
    }
}
