using System.CommandLine;
using SuperFuse.Data;
using SuperFuse.Runtime;

namespace SuperFuse.Cli.Commands;

/// <summary>Options shared by the commands that load data or run libtorch.</summary>
internal sealed class CommonOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "Data set: 'builtin' (simulated, no download), a .npz, .parquet, .safetensors, .pt or .csv file, or a folder of text/image/label .npy files",
        DefaultValueFactory = _ => BuiltinDataset.Name,
    };

    public Option<string> TextField { get; } = new("--text-field") { Description = "Name of the text-embedding array/column", DefaultValueFactory = _ => "text" };

    public Option<string> ImageField { get; } = new("--image-field") { Description = "Name of the image-embedding array/column", DefaultValueFactory = _ => "image" };

    public Option<string> LabelField { get; } = new("--label-field") { Description = "Name of the label array/column", DefaultValueFactory = _ => "label" };

    public Option<string?> SplitField { get; } = new("--split-field") { Description = "Column or array holding the data set's own split (0/1/2 or train/validation/test); default: drawn by --split-seed" };

    public Option<int> BuiltinCount { get; } = new("--builtin-count") { Description = "Rows of the built-in data set", DefaultValueFactory = _ => new BuiltinOptions().Count };

    public Option<int> BuiltinDims { get; } = new("--builtin-dims") { Description = "Text and image width of the built-in data set", DefaultValueFactory = _ => new BuiltinOptions().TextDim };

    public Option<int> SplitSeed { get; } = new("--split-seed") { Description = "Seed of the fixed train/validation/test split", DefaultValueFactory = _ => 0 };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch threads (0 = one per core); results are bit-identical for the same count", DefaultValueFactory = _ => 0 };

    public Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON on stdout" };

    public Option<string> Device { get; } = new("--device") { Description = "cpu (the only device so far: --device cuda is refused until SuperFuse has a GPU path)", DefaultValueFactory = _ => "cpu" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Data, TextField, ImageField, LabelField, SplitField, BuiltinCount, BuiltinDims, SplitSeed, Threads, Json, Device })
        {
            command.Options.Add(option);
        }
    }

    public PairedDataset LoadData(ParseResult parse)
    {
        int count = parse.GetValue(BuiltinCount);
        if (count < 20) throw new UserInputException($"--builtin-count is {count}; expected at least 20");
        int dims = parse.GetValue(BuiltinDims);
        if (dims < 1) throw new UserInputException($"--builtin-dims is {dims}; expected at least 1");
        if (parse.GetValue(Data) != BuiltinDataset.Name)
        {
            foreach (var option in new Option[] { BuiltinCount, BuiltinDims })
            {
                if (parse.GetResult(option) is { Implicit: false })
                {
                    throw new UserInputException($"{option.Name} applies to the built-in data set only; expected it without --data FILE");
                }
            }
        }
        var names = new FieldNames(parse.GetValue(TextField)!, parse.GetValue(ImageField)!, parse.GetValue(LabelField)!, parse.GetValue(SplitField));
        return DatasetLoader.Load(parse.GetValue(Data)!, names, new BuiltinOptions(Count: count, TextDim: dims, ImageDim: dims));
    }

    public static void StartTorch(ParseResult parse, CommonOptions options)
    {
        int threads = parse.GetValue(options.Threads);
        if (threads < 0) throw new UserInputException($"--threads is {threads}; expected 0 (all cores) or more");
        TorchRuntime.Initialize(threads);
        TorchRuntime.RequireDevice(parse.GetValue(options.Device)!);
    }
}
