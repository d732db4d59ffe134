using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SuperFuse.Benchmarks;
using SuperFuse.IO;
using SuperFuse.Reporting;
using SuperFuse.Runtime;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse bench</c>: the performance harness (GEMM and FMA peaks, naive baseline, SuperFuse's trainer).</summary>
internal static class BenchCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var quick = new Option<bool>("--quick") { Description = "Short timing rounds: the whole run in a few minutes" };
        var json = new Option<string?>("--json") { Description = "Also write every measurement as one JSON object to this file ('-' = stdout only JSON)" };
        var threads = new Option<int>("--threads") { Description = "libtorch threads (0 = one per core)", DefaultValueFactory = _ => 0 };
        var fusions = new Option<string?>("--fusions") { Description = "Comma-separated fusions (default concat,product,tensor)" };
        var batches = new Option<string?>("--batches") { Description = "Comma-separated batch sizes (default 64,256,1024)" };
        var seeds = new Option<string?>("--seeds") { Description = "Comma-separated seed counts trained together (default 1,20)" };
        var studyRows = new Option<int?>("--study-rows") { Description = "Rows of the scaled study whose peak memory is measured (default 100000, 50000 with --quick; 0 skips it)" };
        var command = new Command("bench", "Measure training throughput: GEMM peak, the naive baseline and SuperFuse's trainer") { quick, json, threads, fusions, batches, seeds, studyRows };
        command.SetAction(parse =>
        {
            TorchRuntime.Initialize(parse.GetValue(threads));
            string? jsonPath = parse.GetValue(json);
            var options = new BenchOptions(parse.GetValue(quick));
            if (parse.GetValue(fusions) is string f) options = options with { Fusions = ListParsing.Names(f) };
            if (parse.GetValue(batches) is string b) options = options with { Batches = ListParsing.Integers("--batches", b) };
            if (parse.GetValue(seeds) is string k) options = options with { SeedCounts = ListParsing.Integers("--seeds", k) };
            if (parse.GetValue(studyRows) is int n) options = options with { StudyRows = StudyRows(n) };
            var bench = new TrainingBench(options, new ProcMemory());
            var report = bench.Run(new Progress(stderr));
            string text = JsonSerializer.Serialize(report, ResultJson.Options);
            if (jsonPath == "-") stdout.WriteLine(text);
            else
            {
                WriteSummary(stdout, report);
                if (jsonPath is not null) AtomicFile.WriteAllText(jsonPath, text + "\n");
            }
            if (!report.PeakResettable) stderr.WriteLine("superfuse: /proc/self/clear_refs is not writable; peak RSS covers the process so far");
            return 0;
        });
        return command;
    }

    private static int StudyRows(int rows) => rows is 0 or >= 1000
        ? rows
        : throw new UserInputException($"--study-rows is {rows}; expected 0 (skip the scaled study) or at least 1000");

    private const string Header = "fusion   B     seeds  trainer     samples/s   % peak    % FMA  % roofline  speedup  peak RSS MB";

    private static string Line(BenchRow r) => string.Create(CultureInfo.InvariantCulture,
        $"{r.Fusion,-8} {r.Batch,-5} {r.Seeds,-6} {r.Trainer,-10} {r.SamplesPerS,10:0} {r.PercentOfPeak,8:0.0} {r.PercentOfFmaPeak,8:0.0} {r.PercentOfRoofline,11:0.0} {r.SpeedupVsNaive,8:0.00} {r.PeakRssMb,12:0}{(r.OneModelAtATime ? "  (one model at a time)" : "")}");

    private static void WriteSummary(TextWriter stdout, BenchReport report)
    {
        stdout.WriteLine(Header);
        foreach (var row in report.Rows) stdout.WriteLine(Line(row));
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"GEMM peak (2048², {report.Threads} threads): {report.GemmGflops:0.0} GFLOP/s"));
        if (report.FmaGflops is double fma)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"FMA peak ({report.FmaVectorBits}-bit, {report.Threads} threads): {fma:0.0} GFLOP/s; the GEMM peak is {100 * report.GemmGflops / fma:0} % of it"));
        }
        stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"memory bandwidth (STREAM triad, {report.Threads} threads): {report.BandwidthGbs:0.0} GB/s; roofline of a sample: max(FLOPs ÷ GEMM peak, bytes ÷ bandwidth)"));
        if (report.Study is { } m)
        {
            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"scaled study ({m.Rows} rows, 768-d): peak RSS {m.PeakRssMb:0} MB, {m.PeakOverEmbeddings:0.00}× its embeddings ({m.EmbeddingMb:0} MB); estimated {m.EstimateMb:0} MB; {m.Seconds:0.0} s"));
        }
        foreach (var v in report.Verdicts) stdout.WriteLine($"{v.Target} {(v.Met ? "met" : "NOT met")}: {v.Rule}: {v.Evidence}");
    }

    /// <summary>One line per measured row on stderr while the bench runs (shares of peak come at the end).</summary>
    private sealed class Progress(TextWriter stderr) : IProgress<BenchRow>
    {
        public void Report(BenchRow value) => stderr.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"measured {value.Fusion} B={value.Batch} seeds={value.Seeds} {value.Trainer}: {value.SamplesPerS:0} samples/s"));
    }
}
