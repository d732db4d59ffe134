using SuperFuse.Data;
using SuperFuse.Encoders;
using SuperFuse.Experiments;
using SuperFuse.Tests.Cli;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Data;

public sealed class GivenSplitTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    [Fact]
    public void Split_names_and_codes_parse_and_bad_ones_name_the_row()
    {
        Assert.Equal([0, 1, 1, 1, 1, 2, 0, 2], SplitCodes.FromStrings(["train", "validation", "val", "valid", "DEV", "test", "0", " 2 "], "f.csv", "split"));
        Assert.Equal([0, 1, 2], SplitCodes.FromIntegers([0L, 1, 2], "f.npz", "split"));
        var e = Assert.Throws<UserInputException>(() => SplitCodes.FromStrings(["train", "holdout"], "f.csv", "split"));
        Assert.Equal("f.csv: split field 'split' row 1 holds 'holdout'; expected train, validation (val, valid, dev), test or 0, 1, 2", e.Message);
        var i = Assert.Throws<UserInputException>(() => SplitCodes.FromIntegers([0L, 3], "f.npz", "split"));
        Assert.Contains("row 1 holds 3", i.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_parts_are_used_exactly_and_a_missing_validation_part_is_drawn_from_train()
    {
        int[] labels = [.. Enumerable.Range(0, 100).Select(r => r % 2)];
        int[] codes = [.. Enumerable.Range(0, 100).Select(r => r < 60 ? 0 : r < 80 ? 1 : 2)];
        var (split, drawn) = DataSplit.Given(codes, labels, splitSeed: 0, "d");
        Assert.False(drawn);
        Assert.Equal(Enumerable.Range(0, 60), split.TrainPool);
        Assert.Equal(Enumerable.Range(60, 20), split.Validation);
        Assert.Equal(Enumerable.Range(80, 20), split.Test);

        int[] noValidation = [.. codes.Select(c => c == 1 ? 0 : c)];
        var (held, wasDrawn) = DataSplit.Given(noValidation, labels, splitSeed: 0, "d");
        Assert.True(wasDrawn);
        Assert.Equal(8, held.Validation.Length);    // round(40 · 0.1) per class
        Assert.Equal(Enumerable.Range(0, 80), held.TrainPool.Concat(held.Validation).Order());
        Assert.Equal(4, held.Validation.Count(r => labels[r] == 1));
        Assert.Equal(Enumerable.Range(80, 20), held.Test);
    }

    [Theory]
    [InlineData(2, "no test rows")]
    [InlineData(0, "no train rows")]
    public void A_split_without_train_or_test_rows_is_refused(int missing, string message)
    {
        int[] codes = [.. Enumerable.Range(0, 30).Select(r => r % 3 == missing ? (missing + 1) % 3 : r % 3)];
        var e = Assert.Throws<UserInputException>(() => DataSplit.Given(codes, new int[30], 0, "d.csv"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }

    /// <summary>A CSV whose given test part is 3:1 class 0 while the whole file is balanced.</summary>
    private string Csv()
    {
        var g = new SeededGaussian(8);
        var lines = new List<string> { "t0,t1,i0,i1,label,split" };
        for (int r = 0; r < 200; r++)
        {
            int y = r < 160 ? r % 2 : (r % 4 == 0 ? 1 : 0);
            string part = r < 120 ? "train" : r < 160 ? "validation" : "test";
            lines.Add(FormattableString.Invariant($"{g.Next() + y:0.000},{g.Next():0.000},{g.Next():0.000},{g.Next() - y:0.000},{y},{part}"));
        }
        // Header names columns text_0.. so that the reader finds the embeddings.
        lines[0] = "text_0,text_1,image_0,image_1,label,split";
        File.WriteAllLines(dir.File("given.csv"), lines);
        return dir.File("given.csv");
    }

    [Fact]
    public void A_data_set_with_a_split_column_is_trained_and_tested_on_its_given_parts()
    {
        var data = DatasetLoader.Load(Csv(), new FieldNames(Split: "split"));
        var prepared = new PreparedData(data, splitSeed: 0);
        Assert.Equal(Enumerable.Range(160, 40), prepared.Split.Test);
        Assert.Equal(Enumerable.Range(120, 40), prepared.Split.Validation);
        Assert.Equal(SplitSources.Given, prepared.SplitSource);

        var (exit, _, stderr) = CliRunner.Run("run", "--data", dir.File("given.csv"), "--split-field", "split", "--fusions", "concat",
            "--tasks", "real", "--sizes", "32", "--seeds", "2", "--epochs", "2", "--alphas", "0,0.5", "--out", dir.File("res"));
        Assert.True(exit == 0, stderr);
        Assert.Contains("\"split_source\": \"given\"", File.ReadAllText(dir.File("res/config.json")), StringComparison.Ordinal);
        Assert.Contains("\"split\": \"split\"", File.ReadAllText(dir.File("res/config.json")), StringComparison.Ordinal);
        // The majority rate is the given test part's (30 of 40 rows are class 0), not a drawn split's (about 0.5).
        var runs = File.ReadAllLines(dir.File("res/tables/runs.csv"));
        int column = Array.IndexOf(runs[0].Split(','), "majority_accuracy");
        Assert.All(runs.Skip(1), r => Assert.Equal("0.75", r.Split(',')[column]));
    }

    [Fact]
    public void A_hugging_face_split_folder_is_read_with_its_splits()
    {
        Directory.CreateDirectory(dir.File("hf/data"));
        var g = new SeededGaussian(9);
        List<EmbeddedRow> Rows(int n, string prefix) =>
            [.. Enumerable.Range(0, n).Select(k => new EmbeddedRow($"{prefix}{k}", k % 2 == 0 ? "pos" : "neg", [(float)g.Next(), (float)g.Next()], [(float)g.Next(), (float)g.Next()]))];
        var info = new EmbeddingInfo("t", "a", "b", 2, 2, ["pos", "neg"]);
        EmbeddingParquet.Write(dir.File("hf/data/train-00000-of-00001.parquet"), Rows(60, "tr"), info);
        EmbeddingParquet.Write(dir.File("hf/data/test-00000-of-00001.parquet"), Rows(20, "te"), info);
        var data = DatasetLoader.Load(dir.File("hf"));
        Assert.Equal(80, data.Count);
        Assert.Equal(Enumerable.Repeat(0, 60).Concat(Enumerable.Repeat(2, 20)), data.Splits!);
        Assert.Equal(["pos", "neg"], data.ClassNames);
        var prepared = new PreparedData(data, splitSeed: 0);
        Assert.Equal(SplitSources.GivenValidationDrawn, prepared.SplitSource);
        Assert.Equal(Enumerable.Range(60, 20), prepared.Split.Test);
        Assert.Equal(6, prepared.Split.Validation.Length);
    }

    [Fact]
    public void An_unknown_split_name_in_a_file_is_a_one_line_error()
    {
        File.WriteAllText(dir.File("bad.csv"), "text_0,image_0,label,split\n1,2,0,train\n1,2,1,holdout\n");
        var result = CliRunner.Run("train", "--data", dir.File("bad.csv"), "--split-field", "split", "--size", "1");
        BadInputCorpusTests.AssertOneLineError(result, ["bad.csv", "split field 'split' row 1", "'holdout'"]);
    }
}
