using System.CommandLine;
using System.Globalization;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Runtime;
using SuperFuse.Training;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse run</c>: the paper's protocol over a grid, with resume, figures and report.</summary>
internal static class RunCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var o = new RunOptionSet();
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var device = new Option<string>("--device") { Description = "cpu (the only device so far: --device cuda is refused until SuperFuse has a GPU path)", DefaultValueFactory = _ => "cpu" };
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
        var shard = o.ResolveShard(parse);
        string folder = parse.GetValue(o.Out) ?? Path.Combine("results", started.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture));
        bool force = parse.GetValue(o.Force);
        if (threads < 0) throw new UserInputException($"--threads is {threads}; expected 0 (all cores) or more");
        TorchRuntime.Initialize(threads);
        (var data, config) = StudyData.Load(config);
        foreach (var task in config.Tasks)
        {
            if (data.Warning(task) is string warning) stderr.WriteLine($"superfuse: warning: {warning}");
        }
        var grid = StudyGrid.Cells(config, data);
        var units = shard.Select(CellGroup.Of(grid, config, data));
        var cells = units.SelectMany(u => u.Cells).ToList();
        var memory = CheckMemory(MemoryEstimate.Of(data, units, config), parse.GetValue(o.MaxMemory));
        if (StudyFolder.Claim(folder, config, force) is string moved) stderr.WriteLine($"superfuse: moved the previous study's results to {moved}");
        string scope = shard.IsPartial ? $"{shard} ({cells.Count} of {grid.Count} cells)" : $"{cells.Count} cells";
        stderr.WriteLine($"superfuse: {scope} → {Path.GetFullPath(folder)}");
        stderr.WriteLine($"superfuse: memory: {memory.Describe()}");
        var log = parse.GetValue(o.TensorBoard) is string tb ? (Func<string, IProgress<EpochReport>>)(key => new TensorBoardLog(tb, key)) : null;
        var summary = RunCells(stderr, new StudyRunner(config, new CellStore(folder), log), data, units, force, out bool cancelled);
        var provenance = new Provenance
        {
            Command = string.Join(' ', Environment.GetCommandLineArgs().Skip(1)),
            Started = started,
            Finished = DateTimeOffset.UtcNow,
            CellsTrained = summary.Trained,
            Shard = shard.IsPartial ? shard.ToString() : "all",
        };
        RunLog.Append(folder, provenance);
        WriteOutputs(stdout, stderr, folder, config, shard, provenance);
        stdout.WriteLine(FormattableString.Invariant($"trained {summary.Trained} of {cells.Count} cells in {(DateTimeOffset.UtcNow - started).TotalSeconds:0.0} s"));
        if (summary.Busy > 0) stderr.WriteLine($"superfuse: {summary.Busy} cells were being trained by another process and were left to it");
        if (cancelled)
        {
            stderr.WriteLine("superfuse: interrupted; finished cells are saved and a rerun resumes from them");
            return 130;
        }
        return 0;
    }

    private static MemoryEstimate CheckMemory(MemoryEstimate memory, double? limit)
    {
        if (limit is double gib && !(gib > 0)) throw new UserInputException(FormattableString.Invariant($"--max-memory is {gib}; expected a positive number of GiB"));
        if (limit is double max && MemoryEstimate.GiB(memory.Total) > max)
        {
            throw new UserInputException(FormattableString.Invariant(
                $"--max-memory is {max} GiB and this study needs {memory.Describe()}; expected a larger limit, or fewer rows, seeds per unit or noise draws"));
        }
        return memory;
    }

    private static StudyRunSummary RunCells(TextWriter stderr, StudyRunner runner, PreparedData data,
        IReadOnlyList<CellGroup> units, bool force, out bool cancelled)
    {
        using var cancel = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cancel.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return StudyProgressView.Run(stderr, units.Sum(u => u.Cells.Count), p => runner.Run(data, units, force, p, cancel.Token));
        }
        finally
        {
            Console.CancelKeyPress -= onCancel;
            cancelled = cancel.IsCancellationRequested;
        }
    }

    /// <summary>A whole-grid run draws the report; a shard only records its provenance (report merges shards later).</summary>
    private static void WriteOutputs(TextWriter stdout, TextWriter stderr, string folder, StudyConfig config, Shard shard, Provenance provenance)
    {
        if (shard.IsPartial)
        {
            StudyOutputs.WriteShardProvenance(folder, shard, provenance);
            stdout.WriteLine($"{shard} done; once every shard has finished, run: superfuse report {folder}");
        }
        else if (new CellStore(folder).LoadAll().Count > 0)
        {
            var report = StudyOutputs.Write(folder, config, provenance);
            ReportCommand.Skipped(stderr, report);
            stdout.WriteLine($"report: {report.Path}");
        }
    }
}
