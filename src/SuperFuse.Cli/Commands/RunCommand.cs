using System.CommandLine;
using System.Globalization;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Runtime;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse run</c>: the paper's protocol over a grid, with resume, figures and report.</summary>
internal static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var o = new RunOptionSet();
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu (default) or cuda (needs TorchSharp's CUDA backend)", DefaultValueFactory = _ => "cpu" };
        var command = new Command("run", "Run a study (fusions × tasks × sizes × seeds) with noise sweeps, figures and an HTML report");
        o.AddTo(command);
        command.Options.Add(threads);
        command.Options.Add(device);
        command.SetAction(parse =>
        {
            TorchRuntime.RequireDevice(parse.GetValue(device)!);
            return Execute(parse, o, parse.GetValue(threads), stdout, stderr);
        });
        return command;
    }

    private static int Execute(ParseResult parse, RunOptionSet o, int threads, TextWriter stdout, TextWriter stderr)
    {
        var started = DateTimeOffset.UtcNow;
        var config = o.Resolve(parse);
        string folder = parse.GetValue(o.Out) ?? Path.Combine("results", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        bool force = parse.GetValue(o.Force);
        if (threads < 0) throw new UserInputException($"--threads is {threads}; expected 0 (all cores) or more");
        StudyFolder.Claim(folder, config, force);
        TorchRuntime.Initialize(threads);
        var dims = config.BuiltinDims;
        var data = new PreparedData(DatasetLoader.Load(config.Data, config.Fields, new BuiltinOptions(config.BuiltinCount, dims, dims)), config.SplitSeed);
        var cells = StudyGrid.Cells(config, data);
        stderr.WriteLine($"superfuse: {cells.Count} cells → {Path.GetFullPath(folder)}");
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        int trained;
        try
        {
            trained = StudyProgressView.Run(stderr, cells.Count, p => new StudyRunner(config, new CellStore(folder)).Run(data, cells, force, p, cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
        }
        var provenance = new Provenance
        {
            GitCommit = Provenance.ReadGitCommit(),
            Command = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            Started = started,
            Finished = DateTimeOffset.UtcNow,
            CellsTrained = trained,
        };
        if (trained > 0 || new CellStore(folder).LoadAll().Count > 0)
        {
            stdout.WriteLine($"report: {StudyOutputs.Write(folder, config, provenance)}");
        }
        stdout.WriteLine(FormattableString.Invariant($"trained {trained} of {cells.Count} cells in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s"));
        if (cancel.IsCancellationRequested)
        {
            stderr.WriteLine("superfuse: interrupted; finished cells are saved and a rerun resumes from them");
            return 130;
        }
        return 0;
    }
}
