using SuperFuse.Data;
using SuperFuse.Encoders;
using SuperFuse.Tests.Cli;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Encoders;

/// <summary><c>superfuse embed</c> end to end on small generated image folders and on 50 MVSA-Single items.</summary>
public sealed class EmbedCommandTests : IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Folder(params string[] rows)
    {
        for (int k = 0; k < 6; k++) TestImages.Png(dir, $"set/img{k}.png", 30 + k, 20 + k);
        File.WriteAllBytes(dir.File("set/corrupt.jpg"), "\xFF\xD8 this is not a jpeg"u8.ToArray());
        File.WriteAllText(dir.File("set/metadata.csv"), "file_name,text,label\n" + string.Join('\n', rows) + "\n");
        return dir.File("set");
    }

    private static readonly string[] Good =
    [
        "img0.png,\"What a lovely, sunny day\",positive", "img1.png,Terrible traffic again,negative",
        "img2.png,\"Love this \"\"new\"\" phone\",positive", "img3.png,so sad about the news,negative",
        "img4.png,meh,neutral", "img5.png,Great game tonight!,positive",
    ];

    private (int Exit, string Out, string Err) Embed(string folder, params string[] extra) =>
        CliRunner.Run(["embed", "--dataset", folder, "--out", dir.File("out.parquet"), "--threads", "2", .. extra]);

    [Fact]
    public void Embeds_a_folder_into_parquet_that_run_can_read_with_the_class_order_kept()
    {
        var (exit, stdout, stderr) = Embed(Folder(Good), "--labels", "positive,negative");
        Assert.True(exit == 0, stderr);
        Assert.Contains("embedded 5 items", stdout, StringComparison.Ordinal);
        var (rows, info) = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value;
        Assert.Equal(["img0.png", "img1.png", "img2.png", "img3.png", "img5.png"], rows.Select(r => r.Id));
        Assert.Equal(["positive", "negative"], info!.Classes);
        Assert.Equal((384, 512), (info.TextDim, info.ImageDim));

        var data = DatasetLoader.Load(dir.File("out.parquet"));
        Assert.Equal(["positive", "negative"], data.ClassNames);
        Assert.Equal([0, 1, 0, 1, 0], data.Labels);
        Assert.Equal((384, 512), (data.TextDim, data.ImageDim));
        Assert.Equal(rows[2].Image, data.Image.AsSpan(2 * 512, 512).ToArray());
    }

    [Fact]
    public void A_split_column_is_carried_into_the_output_and_unknown_names_are_refused()
    {
        string folder = Folder(Good);
        File.WriteAllText(dir.File("set/metadata.csv"), "file_name,text,label,part\n" + string.Join('\n', Good.Select((r, k) => r + "," + (k < 3 ? "train" : k == 3 ? "dev" : "2"))) + "\n");
        var (exit, _, stderr) = Embed(folder, "--split-field", "part");
        Assert.True(exit == 0, stderr);
        var (rows, _) = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value;
        Assert.Equal(["train", "train", "train", "validation", "test", "test"], rows.Select(r => r.Split));
        var data = DatasetLoader.Load(dir.File("out.parquet"), new FieldNames(Split: "split"));
        Assert.Equal([0, 0, 0, 1, 2, 2], data.Splits!);

        File.WriteAllText(dir.File("set/metadata.csv"), "file_name,text,label,part\nimg0.png,hi,positive,holdout\n");
        BadInputCorpusTests.AssertOneLineError(Embed(folder, "--split-field", "part"), ["metadata.csv", "row 0", "'holdout'", "expected train, validation"]);
    }

    [Fact]
    public void A_rerun_skips_rows_already_embedded_and_gives_the_same_file_content()
    {
        string folder = Folder(Good);
        Assert.Equal(0, Embed(folder, "--limit", "2").Exit);
        var first = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Rows;
        var (exit, stdout, stderr) = Embed(folder);
        Assert.True(exit == 0, stderr);
        Assert.Contains("4 of 6 items to embed (2 already", stdout, StringComparison.Ordinal);
        var all = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Rows;
        Assert.Equal(6, all.Count);
        Assert.Equal(first[1].Text, all[1].Text);

        File.Move(dir.File("out.parquet"), dir.File("resumed.parquet"));
        Assert.Equal(0, Embed(folder).Exit);
        var fresh = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Rows;
        Assert.Equal(fresh.Select(r => r.Id), all.Select(r => r.Id));
        for (int r = 0; r < 6; r++)
        {
            Assert.Equal(fresh[r].Text, all[r].Text);
            Assert.Equal(fresh[r].Image, all[r].Image);
        }
    }

    [Theory]
    [InlineData("missing.png,hello,positive", "row 2", "missing.png", "missing")]
    [InlineData("corrupt.jpg,hello,positive", "row 2", "corrupt.jpg", "decoded")]
    [InlineData("img1.png,,positive", "row 2", "img1.png", "text is empty")]
    public void A_bad_row_stops_with_one_line_naming_the_row_and_file(string bad, string row, string file, string why)
    {
        var result = Embed(Folder(Good[0], bad, Good[1]));
        BadInputCorpusTests.AssertOneLineError(result, ["metadata.csv", row, file, why, "--skip-bad"]);
        Assert.False(File.Exists(dir.File("out.parquet")));
    }

    [Fact]
    public void Skip_bad_skips_bad_rows_and_logs_each_with_its_reason()
    {
        var (exit, stdout, stderr) = Embed(Folder(Good[0], "missing.png,hello,positive", "corrupt.jpg,hi,negative", "img3.png,,negative", Good[1]), "--skip-bad");
        Assert.True(exit == 0, stderr);
        Assert.Contains("skipped 3 bad rows", stderr, StringComparison.Ordinal);
        Assert.Contains("embedded 2 items", stdout, StringComparison.Ordinal);
        var log = File.ReadAllLines(dir.File("out.parquet.skipped.tsv"));
        Assert.Equal("row\tid\tfile_name\treason", log[0]);
        Assert.Equal(3, log.Length - 1);
        Assert.Contains(log, l => l.StartsWith("2\tmissing.png\tmissing.png\t", StringComparison.Ordinal) && l.Contains("missing", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("3\tcorrupt.jpg", StringComparison.Ordinal) && l.Contains("decoded", StringComparison.Ordinal));
        Assert.Contains(log, l => l.StartsWith("4\timg3.png", StringComparison.Ordinal) && l.Contains("text is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_missing_column_and_an_unknown_label_are_one_line_errors()
    {
        Directory.CreateDirectory(dir.File("nocol"));
        File.WriteAllText(dir.File("nocol/metadata.csv"), "file_name,caption,label\nimg0.png,hi,positive\n");
        BadInputCorpusTests.AssertOneLineError(Embed(dir.File("nocol")), ["metadata.csv", "'text'", "caption"]);
        BadInputCorpusTests.AssertOneLineError(Embed(Folder(Good), "--labels", "positive,postive"), ["metadata.csv", "'postive'", "negative, neutral, positive"]);
    }

    [Fact]
    public void Metadata_that_is_not_utf8_is_a_one_line_error()
    {
        Directory.CreateDirectory(dir.File("latin"));
        File.WriteAllBytes(dir.File("latin/metadata.csv"), [.. "file_name,text,label\nimg0.png,caf"u8, 0xE9, .. ",positive\n"u8]);
        BadInputCorpusTests.AssertOneLineError(Embed(dir.File("latin")), ["metadata.csv", "byte 33", "UTF-8"]);
    }

    [Fact]
    public void A_clip_style_text_tower_plugs_in_with_its_bpe_files()
    {
        var ids = new Dictionary<string, int>();
        var (vocab, merges) = ToyClip.Write(dir, token => ids.TryGetValue(token, out int id) ? id : ids[token] = 10 + ids.Count);
        File.WriteAllBytes(dir.File("tiny.onnx"), TinyTextOnnx.MaxAndMinId());
        string folder = Folder("img0.png,Hello world,positive", "img1.png,café,negative");
        var (exit, _, stderr) = Embed(folder, "--text-encoder", "onnx:" + dir.File("tiny.onnx"), "--tokenizer", $"clip-bpe:{vocab},{merges}", "--no-normalize");
        Assert.True(exit == 0, stderr);
        var (rows, info) = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value;
        Assert.Equal(2, info!.TextDim);
        float[] first = [ids["<|startoftext|>"], ids["hello</w>"], ids["world</w>"], ids["<|endoftext|>"]];
        Assert.Equal(new[] { first.Max(), first.Min() }, rows[0].Text);

        var (badExit, _, badErr) = Embed(folder, "--text-encoder", "onnx:" + dir.File("tiny.onnx"), "--tokenizer", $"clip-bpe:{vocab}");
        Assert.Equal(2, badExit);
        Assert.Contains("expected clip-bpe:PATH/vocab.json,PATH/merges.txt", badErr, StringComparison.Ordinal);
        Assert.Single(badErr.Trim().Split('\n'));
    }

    [Fact]
    public void The_preprocessing_is_recorded_and_a_resume_with_other_settings_is_refused()
    {
        var ids = new Dictionary<string, int>();
        var (vocab, merges) = ToyClip.Write(dir, token => ids.TryGetValue(token, out int id) ? id : ids[token] = 10 + ids.Count);
        File.WriteAllBytes(dir.File("tiny.onnx"), TinyTextOnnx.MaxAndMinId());
        string folder = Folder("img0.png,Hello world,positive", "img1.png,café,negative", "img2.png,more words here,negative");
        string[] tower = ["--text-encoder", "onnx:" + dir.File("tiny.onnx"), "--tokenizer", $"clip-bpe:{vocab},{merges}", "--no-normalize"];
        Assert.Equal(0, Embed(folder, [.. tower, "--max-tokens", "16", "--limit", "2"]).Exit);
        var info = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Info!;
        Assert.Equal("16", info.Preprocessing!["max_tokens"]);
        Assert.Equal("false", info.Preprocessing["normalize"]);
        Assert.Equal("built-in", info.Preprocessing["image_prep"]);
        BadInputCorpusTests.AssertOneLineError(Embed(folder, [.. tower, "--max-tokens", "8"]), ["out.parquet", "other preprocessing", "max_tokens 16 in the file, 8 now"]);
        Assert.Equal(0, Embed(folder, [.. tower, "--max-tokens", "16"]).Exit);
        Assert.Equal(3, EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Rows.Count);
    }

    [Fact]
    public void Int8_towers_are_recorded_in_the_encoder_names_and_a_tower_without_matrix_products_is_refused()
    {
        string folder = Folder(Good);
        var (exit, _, stderr) = Embed(folder, "--text-int8", "--image-int8", "--limit", "2");
        Assert.True(exit == 0, stderr);
        var info = EmbeddingParquet.TryRead(dir.File("out.parquet"))!.Value.Info!;
        Assert.Equal(("minilm+int8", "resnet18+int8"), (info.TextEncoder, info.ImageEncoder));

        var ids = new Dictionary<string, int>();
        var (vocab, merges) = ToyClip.Write(dir, token => ids.TryGetValue(token, out int id) ? id : ids[token] = 10 + ids.Count);
        File.WriteAllBytes(dir.File("tiny.onnx"), TinyTextOnnx.MaxAndMinId());
        var (badExit, _, badErr) = CliRunner.Run(["embed", "--dataset", folder, "--out", dir.File("other.parquet"), "--threads", "2",
            "--text-encoder", "onnx:" + dir.File("tiny.onnx"), "--tokenizer", $"clip-bpe:{vocab},{merges}", "--text-int8"]);
        Assert.Equal(2, badExit);
        Assert.Contains("has no MatMul", badErr, StringComparison.Ordinal);
        Assert.Single(badErr.Trim().Split('\n'));
    }

    [MvsaFact]
    public void Fifty_MVSA_Single_items_embed_end_to_end()
    {
        var (exit, stdout, stderr) = Embed(SharedData.MvsaSingle!, "--labels", "positive,negative", "--limit", "50");
        Assert.True(exit == 0, stderr);
        Assert.Contains("embedded 50 items", stdout, StringComparison.Ordinal);
        var data = DatasetLoader.Load(dir.File("out.parquet"));
        Assert.Equal(50, data.Count);
        Assert.Equal(["positive", "negative"], data.ClassNames);
        Assert.All(data.Text, x => Assert.True(float.IsFinite(x)));
        Assert.All(data.Image, x => Assert.True(float.IsFinite(x)));
        Assert.Contains(0, data.Labels);
        Assert.Contains(1, data.Labels);
    }
}
