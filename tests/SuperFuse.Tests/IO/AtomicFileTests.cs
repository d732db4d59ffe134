using SuperFuse.IO;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.IO;

public sealed class AtomicFileTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void A_write_replaces_the_file_and_leaves_no_temporary_behind()
    {
        string path = dir.File("a.json");
        AtomicFile.WriteAllText(path, "old");
        AtomicFile.WriteAllText(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.Equal([path], Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void A_writer_that_fails_leaves_the_old_file_whole()
    {
        string path = dir.File("a.json");
        AtomicFile.WriteAllText(path, "old");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("partial"u8);
            throw new InvalidOperationException("disk full");
        }));
        Assert.Equal("old", File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(dir.Path));
    }

    [Fact]
    public void An_unwritable_output_folder_is_one_user_error_naming_it()
    {
        File.WriteAllText(dir.File("file"), "not a folder");
        var error = Assert.Throws<UserInputException>(() => OutputFolder.Ensure(dir.File("file/sub")));
        Assert.Contains("file/sub", error.Message, StringComparison.Ordinal);
    }
}
