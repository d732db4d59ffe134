using System.Diagnostics;
using System.Globalization;
using SuperFuse.Fusion;
using SuperFuse.Runtime;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Benchmarks;

/// <summary>
/// The benchmark harness: GEMM peak, the naive baseline and SuperFuse's trainer on the same work (fusion × batch ×
/// seeds), with samples/s, share of peak, speedup and peak memory, and the verdicts of targets P1 and P2; beside them
/// each rate's share of the CPU's multiply-add ceiling (<see cref="FmaPeak"/>), where the BLAS falls short of it.
/// </summary>
public sealed class TrainingBench(BenchOptions options, IMemoryProbe memory)
{
    private const int Hidden = 32;
    private const int Classes = 2;

    private List<BenchRow> rows = [];
    private IProgress<BenchRow>? progress;
    private bool resettable;
    private double gemm;
    private double? fma;
    private double bandwidth;

    /// <summary>Runs every configuration; <paramref name="observer"/> hears each finished row.</summary>
    public BenchReport Run(IProgress<BenchRow>? observer = null)
    {
        TorchRuntime.FlushDenormalsOnThisThread();
        (rows, progress, resettable) = ([], observer, true);
        gemm = GemmPeak.Measure(options.Quick ? 0.3 : 1.0, options.Quick ? 3 : 5);
        fma = MeasureFma();
        bandwidth = MeasureBandwidth();
        var data = BenchData.Create(options.Rows, options.Dim);
        foreach (var fusion in options.Fusions.Select(FusionRegistry.Get))
        {
            using var features = new FeatureCache(data);
            using var fast = new FastLoop(fusion, data, features);
            foreach (int batch in options.Batches) MeasureBatch(fusion, data, fast, batch);
        }
        // Each peak is the best rate seen at the start or the end, so a slow moment cannot flatter the percentages.
        double peak = Math.Max(gemm, GemmPeak.Measure(options.Quick ? 0.3 : 1.0, options.Quick ? 3 : 5));
        double? fmaPeak = MaxOf(fma, MeasureFma());
        double bytesPeak = Math.Max(bandwidth, MeasureBandwidth());
        var final = rows.Select(r => r with
        {
            PercentOfPeak = Percent(r.SamplesPerS, r.FlopsPerSample, peak),
            PercentOfFmaPeak = fmaPeak is double f ? Percent(r.SamplesPerS, r.FlopsPerSample, f) : null,
            // The bound of a sample is max(FLOPs ÷ peak, bytes ÷ bandwidth), so its share is the larger of the two shares.
            PercentOfRoofline = Math.Max(Percent(r.SamplesPerS, r.FlopsPerSample, peak), 100 * r.SamplesPerS * r.BytesPerSample / (bytesPeak * 1e9)),
        }).ToList();
        var study = options.StudyRows > 0 ? ScaledStudy.Measure(options.StudyRows, memory) : null;
        return new BenchReport(peak, TorchRuntime.Threads, resettable, final, [.. Verdicts(final), .. StudyVerdict(study)], fmaPeak,
            fmaPeak is null ? 0 : FmaPeak.VectorBits, bytesPeak, study);
    }

    private double? MeasureFma() => FmaPeak.Measure(TorchRuntime.LoopThreads, options.Quick ? 0.1 : 0.3);

    private double MeasureBandwidth() => MemoryBandwidth.Measure(TorchRuntime.LoopThreads, options.Quick ? 3 : 5);

    private static double? MaxOf(double? a, double? b) => a is double x && b is double y ? Math.Max(x, y) : a ?? b;

    /// <summary>The naive baseline, then SuperFuse's trainer for every seed count, at one fusion and batch size.</summary>
    private void MeasureBatch(FusionMethod fusion, Data.PairedDataset data, FastLoop fast, int batch)
    {
        long width = fusion.OutputDim(options.Dim, options.Dim);
        double flops = FlopsPerSample(width);
        double bytes = BytesPerSample(width, 2 * options.Dim, batch);
        resettable &= memory.ResetPeak();
        double naive = NaiveRate(fusion, data, batch);
        var naiveRow = new BenchRow(fusion.Name, batch, 1, "naive", naive, Percent(naive, flops, gemm), 1, memory.PeakMb(), flops, false,
            BytesPerSample: bytes);
        Add(naiveRow);
        foreach (int seeds in options.SeedCounts.Where(s => s > 1)) Add(naiveRow with { Seeds = seeds, OneModelAtATime = true });
        BenchRow? single = null;
        foreach (int seeds in options.SeedCounts.Order())
        {
            if (fusion.IsBilinear && seeds > 1 && single is not null)
            {
                // SuperFuse trains tensor-like fusions one seed after another: the one-seed measurement.
                Add(single with { Seeds = seeds, OneModelAtATime = true });
                continue;
            }
            resettable &= memory.ResetPeak();
            double rate = FastRate(fast, seeds, batch);
            var row = new BenchRow(fusion.Name, batch, seeds, "superfuse", rate, Percent(rate, flops, gemm), rate / naive, memory.PeakMb(), flops, false,
                BytesPerSample: bytes);
            if (seeds == 1) single = row;
            Add(row);
        }
    }

    private void Add(BenchRow row)
    {
        rows.Add(row);
        progress?.Report(row);
    }

    /// <summary>Useful FLOPs per training sample of the standard model on a fused width <paramref name="dim"/>.</summary>
    public static double FlopsPerSample(long dim) => (4.0 * ((dim * Hidden) + Hidden)) + (6.0 * ((Hidden * Classes) + Classes));

    /// <summary>
    /// Bytes a training sample must move at fused width <paramref name="dim"/>: AdamW's read and write of each
    /// parameter and its two moments (24 bytes a parameter, once per step of <paramref name="batch"/> rows) and the
    /// row's <paramref name="inputs"/> embedding values (4 bytes each). Gradients kept in registers or cache and fused
    /// into the update add nothing, so this is the least any implementation must move.
    /// </summary>
    public static double BytesPerSample(long dim, int inputs, int batch) =>
        (24.0 * ((dim * Hidden) + Hidden + (Hidden * Classes) + Classes) / batch) + (4.0 * inputs);

    private static double Percent(double samplesPerS, double flops, double gemmGflops) => 100 * samplesPerS * flops / (gemmGflops * 1e9);

    private double NaiveRate(FusionMethod fusion, Data.PairedDataset data, int batch)
    {
        using var loop = new NaiveLoop(fusion, data, 1);
        return batch * StepsPerSecond(steps =>
        {
            var clock = Stopwatch.StartNew();
            for (int i = 0; i < steps; i++) loop.Step(batch);
            return clock.Elapsed.TotalSeconds;
        }, options.Quick ? 1 : 2, onceIfSlow: options.Quick);
    }

    private double FastRate(FastLoop loop, int seeds, int batch) =>
        (double)seeds * batch * SteadyStepsPerSecond(steps => loop.Time(seeds, batch, steps), options.MinSteps);

    /// <summary>
    /// Steady-state steps per second: runs of N steps (sized as in <see cref="StepsPerSecond"/>) and of 2N steps, the
    /// fastest of three each; the extra N steps over the extra time leave out the per-run set-up. If noise makes the
    /// difference meaningless (the longer run not slower), the longer run's own rate counts, set-up included.
    /// </summary>
    private double SteadyStepsPerSecond(Func<int, double> timeSteps, int minSteps)
    {
        int steps = Size(timeSteps, minSteps).Steps;
        double once = Enumerable.Range(0, 3).Min(_ => timeSteps(steps));
        double twice = Enumerable.Range(0, 3).Min(_ => timeSteps(2 * steps));
        return twice > once ? steps / (twice - once) : 2 * steps / twice;
    }

    /// <summary>
    /// Steps per second: runs sized to the target time (<see cref="Size"/>), then the fastest of three such runs counts
    /// (a shared machine's noise only ever slows a run down). The run that settles the size is the first of the three.
    /// With <paramref name="onceIfSlow"/> (the naive loop under <c>--quick</c>, whose tensor steps take seconds) a run
    /// of over five times the target is timed once, so that the quick mode stays short.
    /// </summary>
    private double StepsPerSecond(Func<int, double> timeSteps, int minSteps, bool onceIfSlow = false)
    {
        var (steps, settled) = Size(timeSteps, minSteps);
        var runs = settled is double first ? new List<double> { first } : [];
        int wanted = onceIfSlow && runs.Count > 0 && runs[0] > 5 * options.TargetSeconds ? 1 : 3;
        while (runs.Count < wanted) runs.Add(timeSteps(steps));
        return steps / runs.Min();
    }

    /// <summary>
    /// Steps for a run of about the target time (at least <paramref name="minSteps"/>), and the time of the run that
    /// settled it (null if none did in three tries). The size comes from a one-step probe and is grown while a run takes
    /// under half the target, because a run's set-up (for SuperFuse's trainer: optimizer moments, one validation, the
    /// best-epoch copy) makes the probe overstate a step.
    /// </summary>
    private (int Steps, double? Seconds) Size(Func<int, double> timeSteps, int minSteps)
    {
        int steps = Steps(timeSteps(1), 1, minSteps);
        for (int round = 0; round < 3; round++)
        {
            double seconds = timeSteps(steps);
            if (seconds >= options.TargetSeconds / 2 || steps >= MaxSteps) return (steps, seconds);
            steps = Steps(seconds, steps, minSteps);
        }
        return (steps, null);
    }

    private const int MaxSteps = 5000;

    // Steps for a run of the target time, from a run of `steps` that took `seconds`.
    private int Steps(double seconds, int steps, int minSteps) =>
        (int)Math.Clamp(Math.Max(Math.Ceiling(steps * options.TargetSeconds / Math.Max(seconds, 1e-6)), minSteps), 1, MaxSteps);

    private static List<BenchVerdict> Verdicts(IReadOnlyList<BenchRow> rows)
    {
        var verdicts = new List<BenchVerdict>();
        foreach (string fusion in new[] { "concat", "product" })
        {
            var candidates = rows.Where(r => r.Fusion == fusion && r.Trainer == "superfuse" && r.Seeds == 20).ToList();
            if (candidates.Count == 0) continue;
            var best = candidates.MaxBy(r => r.PercentOfPeak)!;
            bool met = candidates.Any(r => r.PercentOfPeak >= 80 && r.SpeedupVsNaive >= 3);
            verdicts.Add(new BenchVerdict("P1", $"{fusion}, 20 seeds: ≥ 80 % of GEMM peak and ≥ 3× naive (at some batch size)", met,
                string.Join("; ", candidates.Select(r => Invariant($"B={r.Batch}: {r.PercentOfPeak:0.0} % of peak, {r.SpeedupVsNaive:0.00}×")))
                + Invariant($" (best B={best.Batch})")));
        }
        if (rows.FirstOrDefault(r => r.Fusion == "tensor" && r.Trainer == "superfuse" && r.Seeds == 1 && r.Batch == 256) is { } t)
        {
            verdicts.Add(new BenchVerdict("P2", "tensor, one seed, B = 256: ≥ 80 % of GEMM peak, peak RSS ≤ 1.5 GB",
                t.PercentOfPeak >= 80 && t.PeakRssMb <= 1536, Invariant($"{t.PercentOfPeak:0.0} % of peak, {t.PeakRssMb:0} MB")));
        }
        if (rows.FirstOrDefault(r => r.Fusion == "tensor" && r.Trainer == "superfuse" && r.Seeds == 1 && r.Batch == 64) is { } r64)
        {
            verdicts.Add(new BenchVerdict("P3", "tensor, one seed, B = 64: ≥ 80 % of its roofline",
                r64.PercentOfRoofline >= 80, Invariant($"{r64.PercentOfRoofline:0.0} % of roofline ({r64.PercentOfPeak:0.0} % of GEMM peak)")));
        }
        return verdicts;
    }

    /// <summary>The full-size pool's target (peak ≤ 3× the embeddings' bytes), checked at the scaled study's size with the runtime's fixed share allowed.</summary>
    private static IEnumerable<BenchVerdict> StudyVerdict(StudyMemory? study)
    {
        if (study is null) yield break;
        double limit = (3 * study.EmbeddingMb) + RuntimeAllowanceMb;
        yield return new BenchVerdict("M1", Invariant($"scaled study ({study.Rows} rows, 768-d, concat and product, 20 seeds): peak RSS ≤ 3× the embeddings + {RuntimeAllowanceMb:0} MB"),
            study.PeakRssMb <= limit, Invariant($"{study.PeakRssMb:0} MB peak, {study.PeakOverEmbeddings:0.00}× the embeddings' {study.EmbeddingMb:0} MB; estimate {study.EstimateMb:0} MB"));
    }

    private const double RuntimeAllowanceMb = 512;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
