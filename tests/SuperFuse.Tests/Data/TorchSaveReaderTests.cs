using SuperFuse.Data;
using SuperFuse.Tests.Cli;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

/// <summary>
/// Files written by PyTorch's torch.save (TorchFiles/make_pt.py, committed): dicts of tensors load like the same
/// arrays saved by numpy; everything else is refused with one line.
/// </summary>
public sealed class TorchSaveReaderTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "TorchFiles", name);

    private static PairedDataset Npz(FieldNames? names = null) => DatasetLoader.Load(Fixture("emb.npz"), names);

    [Fact]
    public void A_dict_of_tensors_loads_exactly_as_numpy_saved_the_same_arrays()
    {
        var names = new FieldNames(Split: "split");
        var pt = DatasetLoader.Load(Fixture("emb.pt"), names);
        var npz = Npz(names);
        Assert.Equal((200, 6, 5), (pt.Count, pt.TextDim, pt.ImageDim));
        Assert.Equal(npz.Text, pt.Text);
        Assert.Equal(npz.Image, pt.Image);
        Assert.Equal(npz.Labels, pt.Labels);
        Assert.Equal(npz.Splits, pt.Splits);
        Assert.Equal(40, pt.Splits!.Count(s => s == 2));
        Assert.Contains(0, pt.Labels);
        Assert.Contains(1, pt.Labels);
    }

    [Fact]
    public void Float16_float64_bfloat16_bool_and_int32_tensors_with_named_fields_and_nested_dicts_load()
    {
        var npz = Npz();
        var dtypes = DatasetLoader.Load(Fixture("dtypes.pt"), new FieldNames("txt", "img", "y"));
        Assert.Equal(npz.Text.Select(v => (float)(Half)v), dtypes.Text);
        Assert.Equal(npz.Image, dtypes.Image);
        Assert.Equal(npz.Labels, dtypes.Labels);

        var ordered = DatasetLoader.Load(Fixture("ordered.pt"));
        Assert.Equal(npz.Labels, ordered.Labels);
        Assert.All(npz.Text.Zip(ordered.Text), p => Assert.Equal(p.First, p.Second, 0.01 * Math.Abs(p.First) + 1e-30));
    }

    [Fact]
    public void A_row_slice_that_starts_at_zero_reads_only_its_rows()
    {
        Assert.Equal(Npz().Text, DatasetLoader.Load(Fixture("rows-slice.pt")).Text);
    }

    [Theory]
    [InlineData("label-list.pt", "key 'label' holds a Python list|torch.tensor")]
    [InlineData("label-numpy.pt", "numpy array|torch.from_numpy")]
    [InlineData("number.pt", "key 'epoch'|expected only tensors and dicts")]
    [InlineData("tensor.pt", "top level is a single tensor|dict of tensors")]
    [InlineData("runs-code.pt", "class posix.system|without running its code")]
    [InlineData("column-view.pt", "view of a larger tensor|.contiguous().clone()")]
    [InlineData("legacy.pt", "legacy format")]
    public void Anything_but_tensors_and_dicts_is_refused_with_one_line_naming_the_file(string file, string mentions)
    {
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Fixture(file)));
        Assert.DoesNotContain('\n', e.Message);
        Assert.StartsWith(Fixture(file) + ": ", e.Message, StringComparison.Ordinal);
        foreach (var m in mentions.Split('|')) Assert.Contains(m, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_key_names_the_keys_there_are()
    {
        var e = Assert.Throws<UserInputException>(() => DatasetLoader.Load(Fixture("emb.pt"), new FieldNames(Text: "clip_text")));
        Assert.Contains("no tensor 'clip_text' (keys: image, label, split, text)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Superfuse_train_trains_on_a_pt_file_and_refuses_a_pickled_object_with_exit_2()
    {
        using var dir = new TempDir();
        // The label is sign(T₀ + I₀): concat learns it from the 128 training rows (20 test rows, about half of each class).
        var ok = SuperfuseProcess.Run(["train", "--data", Fixture("emb.pt"), "--fusion", "concat", "--size", "128", "--epochs", "50",
            "--threads", "1", "--out", dir.File("run")]);
        Assert.True(ok.Exit == 0, ok.Err);
        using var result = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("run/result.json")));
        Assert.True(result.RootElement.GetProperty("test_accuracy").GetDouble() >= 0.65, ok.Out);

        var bad = SuperfuseProcess.Run(["train", "--data", Fixture("runs-code.pt"), "--size", "64"]);
        BadInputCorpusTests.AssertOneLineError(bad, ["runs-code.pt", "posix.system"]);
        Assert.False(File.Exists("superfuse-pickle-ran-code"));
    }
}
