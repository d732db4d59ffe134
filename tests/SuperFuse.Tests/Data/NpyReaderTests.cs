using SuperFuse.Data;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class NpyReaderTests
{
    // A 2×3 matrix [[1, 2, 3], [4, 5, 6]].
    private static readonly double[] COrder = [1, 2, 3, 4, 5, 6];
    private static readonly double[] FortranOrder = [1, 4, 2, 5, 3, 6];

    private static NpyArray Read(byte[] bytes) => NpyReader.Read(new MemoryStream(bytes), "test.npy");

    [Theory]
    [InlineData("<f2", false)]
    [InlineData("<f4", false)]
    [InlineData("<f8", false)]
    [InlineData(">f4", false)]
    [InlineData("<f2", true)]
    [InlineData("<f4", true)]
    [InlineData("<f8", true)]
    [InlineData(">f8", true)]
    public void Reads_floats_in_C_and_Fortran_order(string descr, bool fortran)
    {
        var data = NpyBytes.Encode(descr, fortran ? FortranOrder : COrder);
        var array = Read(NpyBytes.Build(descr, [2, 3], data, fortran));
        Assert.Equal([2, 3], array.Shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], array.Floats!);
    }

    [Theory]
    [InlineData("|i1")]
    [InlineData("<i2")]
    [InlineData("<i4")]
    [InlineData("<i8")]
    [InlineData(">i8")]
    [InlineData("|u1")]
    [InlineData("<u2")]
    [InlineData("<u4")]
    [InlineData("<u8")]
    public void Reads_integer_labels(string descr)
    {
        var array = Read(NpyBytes.Build(descr, [4], NpyBytes.Encode(descr, [0, 1, 2, 1])));
        Assert.Equal([0L, 1L, 2L, 1L], array.Integers!);
    }

    [Fact]
    public void Reads_negative_integers_with_sign()
    {
        var array = Read(NpyBytes.Build("<i2", [2], NpyBytes.Encode("<i2", [-3, 7])));
        Assert.Equal([-3L, 7L], array.Integers!);
    }

    [Fact]
    public void Reads_bool_labels_as_0_and_1()
    {
        var array = Read(NpyBytes.Build("|b1", [3], NpyBytes.Encode("|b1", [1, 0, 1])));
        Assert.Equal([1L, 0L, 1L], array.Integers!);
    }

    [Fact]
    public void Reads_version_2_headers()
    {
        var array = Read(NpyBytes.Build("<f4", [2, 3], NpyBytes.Encode("<f4", COrder), major: 2));
        Assert.Equal(6, array.Length);
    }

    [Theory]
    [InlineData("<c8")]
    [InlineData("<U5")]
    [InlineData("|O")]
    public void Unknown_dtypes_are_a_clear_error(string descr)
    {
        var error = Assert.Throws<UserInputException>(() => Read(NpyBytes.Build(descr, [1], new byte[16])));
        Assert.Contains("test.npy", error.Message, StringComparison.Ordinal);
        Assert.Contains(descr, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_data_is_a_clear_error()
    {
        var bytes = NpyBytes.Build("<f4", [2, 3], NpyBytes.Encode("<f4", COrder));
        var error = Assert.Throws<UserInputException>(() => Read(bytes[..^5]));
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_is_a_clear_error()
    {
        var error = Assert.Throws<UserInputException>(() => Read("not numpy at all"u8.ToArray()));
        Assert.Contains("not a .npy file", error.Message, StringComparison.Ordinal);
    }
}
