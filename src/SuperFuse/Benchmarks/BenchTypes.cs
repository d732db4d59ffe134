namespace SuperFuse.Benchmarks;

/// <summary>What <c>superfuse bench</c> measures.</summary>
/// <param name="Quick">Short timing rounds (0.2 s instead of 1 s) so the whole run takes a few minutes.</param>
/// <param name="Dim">Width of both modalities; 768 as the paper's CLIP embeddings.</param>
/// <param name="Rows">Rows of random benchmark data the batches are drawn from.</param>
public sealed record BenchOptions(bool Quick = false, int Dim = 768, int Rows = 8192)
{
    /// <summary>Fusions measured.</summary>
    public IReadOnlyList<string> Fusions { get; init; } = ["concat", "product", "tensor"];

    /// <summary>Batch sizes measured.</summary>
    public IReadOnlyList<int> Batches { get; init; } = [64, 256, 1024];

    /// <summary>Seed counts measured.</summary>
    public IReadOnlyList<int> SeedCounts { get; init; } = [1, 20];

    /// <summary>Seconds each timed run aims at.</summary>
    public double TargetSeconds => Quick ? 0.2 : 1.0;

    /// <summary>
    /// Fewest steps in a timed SuperFuse run. Each run pays its set-up (optimizer moments, one validation, the
    /// best-epoch copy: 0.15–0.3 s for tensor's 18.9 M weights) inside the clock; the rate is taken from the difference
    /// between runs of N and 2N steps, so only steady-state steps count.
    /// </summary>
    public int MinSteps => Quick ? 5 : 20;

    /// <summary>Rows of the scaled study whose peak memory is measured (<see cref="ScaledStudy"/>); 0 skips it.</summary>
    public int StudyRows { get; init; } = Quick ? 50_000 : 100_000;
}

/// <summary>Peak resident memory of this process, reset between configurations where the OS allows it.</summary>
public interface IMemoryProbe
{
    /// <summary>Starts a new peak; false when the OS does not allow it (the peak then covers the process so far).</summary>
    bool ResetPeak();

    /// <summary>Peak resident set since the last reset, in MB.</summary>
    double PeakMb();
}

/// <summary>One measured configuration.</summary>
/// <param name="Fusion">Fusion name.</param>
/// <param name="Batch">Mini-batch size B per seed.</param>
/// <param name="Seeds">Models trained (K).</param>
/// <param name="Trainer">"naive" or "superfuse".</param>
/// <param name="SamplesPerS">Training samples per second, over all seeds.</param>
/// <param name="PercentOfPeak">Useful FLOP/s (<paramref name="FlopsPerSample"/> × samples/s) as a share of the GEMM rate.</param>
/// <param name="SpeedupVsNaive">Samples/s over the naive baseline's at the same fusion and batch (1 for the baseline).</param>
/// <param name="PeakRssMb">Peak resident memory of the process during this configuration.</param>
/// <param name="FlopsPerSample">4·(D·H + H) for the first layer (no input gradient) + 6·(H·C + C) for the output layer.</param>
/// <param name="OneModelAtATime">True when the seeds run one after another, so the rate is the one-seed rate measured for it.</param>
/// <param name="PercentOfFmaPeak">The same useful FLOP/s as a share of the CPU's multiply-add ceiling (null where not measured).</param>
/// <param name="BytesPerSample">
/// Memory traffic a training step must cause, per sample: AdamW reads and writes each weight and its two moments once
/// (24 bytes a parameter per step, spread over the batch), and each row's text and image embeddings are read once.
/// </param>
/// <param name="PercentOfRoofline">
/// The roofline bound of a sample, max(FLOPs ÷ GEMM peak, bytes ÷ memory bandwidth), over the measured time of a sample.
/// </param>
public sealed record BenchRow(string Fusion, int Batch, int Seeds, string Trainer, double SamplesPerS, double PercentOfPeak,
    double SpeedupVsNaive, double PeakRssMb, double FlopsPerSample, bool OneModelAtATime, double? PercentOfFmaPeak = null,
    double BytesPerSample = 0, double PercentOfRoofline = 0);

/// <summary>A performance target and whether this run met it.</summary>
/// <param name="Target">P1, P2 …</param>
/// <param name="Rule">The target in words.</param>
/// <param name="Met">Whether the measurements meet it.</param>
/// <param name="Evidence">The numbers that decided it.</param>
public sealed record BenchVerdict(string Target, string Rule, bool Met, string Evidence);

/// <summary>Everything one bench run measured.</summary>
/// <param name="GemmGflops">fp32 2048² GEMM rate, GFLOP/s.</param>
/// <param name="Threads">libtorch threads.</param>
/// <param name="PeakResettable">Whether the peak RSS was reset per configuration.</param>
/// <param name="Rows">Every configuration.</param>
/// <param name="Verdicts">P1 and P2 (shares of the GEMM peak, as the targets are stated).</param>
/// <param name="FmaGflops">The CPU's fp32 multiply-add ceiling on the same threads (<see cref="FmaPeak"/>), GFLOP/s; null where not measured.</param>
/// <param name="FmaVectorBits">Vector width of that measurement (512 or 256; 0 where not measured).</param>
/// <param name="BandwidthGbs">Memory bandwidth (<see cref="MemoryBandwidth"/>, STREAM triad) on the same threads, GB/s.</param>
/// <param name="Study">The scaled study's memory (<see cref="ScaledStudy"/>); null when skipped.</param>
public sealed record BenchReport(double GemmGflops, int Threads, bool PeakResettable, IReadOnlyList<BenchRow> Rows,
    IReadOnlyList<BenchVerdict> Verdicts, double? FmaGflops = null, int FmaVectorBits = 0, double BandwidthGbs = 0, StudyMemory? Study = null);
