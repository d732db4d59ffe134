using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class ArrayContainerTests
{
    private static readonly double[] Text = [1, 2, 3, 4, 5, 6];
    private static readonly double[] Image = [6, 5, 4, 3, 2, 1];

    [Fact]
    public void Npz_with_default_names_loads()
    {
        using var dir = new TempDir();
        ArrayFiles.WriteNpz(dir.File("d.npz"), ArrayFiles.Members(Text, Image, 2, [0, 1, 0]));
        var data = DatasetLoader.Load(dir.File("d.npz"));
        Assert.Equal(3, data.Count);
        Assert.Equal(2, data.TextDim);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], data.Text);
        Assert.Equal([0, 1, 0], data.Labels);
        Assert.Equal(["0", "1"], data.ClassNames);
    }

    [Fact]
    public void Npz_with_overridden_names_loads()
    {
        using var dir = new TempDir();
        var members = ArrayFiles.Members(Text, Image, 3, [1, 0], "<f8", "|b1");
        var renamed = new Dictionary<string, byte[]> { ["t"] = members["text"], ["i"] = members["image"], ["y"] = members["label"] };
        ArrayFiles.WriteNpz(dir.File("d.npz"), renamed);
        var data = DatasetLoader.Load(dir.File("d.npz"), new FieldNames("t", "i", "y"));
        Assert.Equal(3, data.ImageDim);
        Assert.Equal([1, 0], data.Labels);
    }

    [Fact]
    public void Folder_of_npy_files_loads()
    {
        using var dir = new TempDir();
        ArrayFiles.WriteFolder(dir.File("set"), ArrayFiles.Members(Text, Image, 2, [0, 1, 1], "<f2", "<i4"));
        var data = DatasetLoader.Load(dir.File("set"));
        Assert.Equal(3, data.Count);
        Assert.Equal(6f, data.Image[0]);
    }

    [Fact]
    public void Missing_array_names_the_member()
    {
        using var dir = new TempDir();
        var members = ArrayFiles.Members(Text, Image, 2, [0, 1, 0]);
        members.Remove("image");
        ArrayFiles.WriteNpz(dir.File("d.npz"), members);
        var error = Assert.Throws<UserInputException>(() => DatasetLoader.Load(dir.File("d.npz")));
        Assert.Contains("'image'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Float_labels_are_rejected()
    {
        using var dir = new TempDir();
        ArrayFiles.WriteNpz(dir.File("d.npz"), ArrayFiles.Members(Text, Image, 2, [0, 1, 0], labelDescr: "<f4"));
        var error = Assert.Throws<UserInputException>(() => DatasetLoader.Load(dir.File("d.npz")));
        Assert.Contains("integer or bool", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_npz_is_a_clear_error()
    {
        using var dir = new TempDir();
        File.WriteAllText(dir.File("d.npz"), "garbage");
        var error = Assert.Throws<UserInputException>(() => DatasetLoader.Load(dir.File("d.npz")));
        Assert.Contains("d.npz", error.Message, StringComparison.Ordinal);
    }
}
