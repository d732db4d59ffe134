using System.Text.Json;
using SuperFuse.Benchmarks;
using SuperFuse.IO;
using SuperFuse.Reporting;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Benchmarks;

/// <summary>The benchmark harness runs and reports every field, on a tiny configuration (speed itself is not tested).</summary>
public sealed class BenchTests
{
    public BenchTests() => TorchFixture.Start();

    private sealed class FixedMemory : IMemoryProbe
    {
        public bool ResetPeak() => false;

        public double PeakMb() => 123;
    }

    [Fact]
    public void Harness_measures_naive_and_superfuse_rows_with_the_json_fields()
    {
        var options = new BenchOptions(Quick: true, Dim: 16, Rows: 512) { Fusions = ["concat", "tensor"], Batches = [32], SeedCounts = [1, 3], StudyRows = 0 };
        var report = new TrainingBench(options, new FixedMemory()).Run();
        Assert.True(report.GemmGflops > 0);
        Assert.Equal(2 * 4, report.Rows.Count);   // per fusion: naive ×2 seed counts, superfuse ×2
        Assert.All(report.Rows, r => Assert.True(r.SamplesPerS > 0 && r.PercentOfPeak > 0 && r.SpeedupVsNaive > 0));
        Assert.Contains(report.Rows, r => r.Fusion == "tensor" && r.Seeds == 3 && r.OneModelAtATime);
        Assert.Contains(report.Rows, r => r.Fusion == "concat" && r.Seeds == 3 && r.Trainer == "superfuse" && !r.OneModelAtATime);
        Assert.Equal(TrainingBench.FlopsPerSample(32), report.Rows.First(r => r.Fusion == "concat").FlopsPerSample);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(report, ResultJson.Options));
        Assert.True(json.RootElement.GetProperty("gemm_gflops").GetDouble() > 0);
        var row = json.RootElement.GetProperty("rows")[0];
        foreach (var field in new[] { "samples_per_s", "percent_of_peak", "speedup_vs_naive", "peak_rss_mb", "percent_of_fma_peak", "bytes_per_sample", "percent_of_roofline" })
        {
            Assert.True(row.TryGetProperty(field, out _), field);
        }
        Assert.True(json.RootElement.TryGetProperty("fma_gflops", out _));
        Assert.True(json.RootElement.GetProperty("bandwidth_gbs").GetDouble() > 0);
        Assert.All(report.Rows, r => Assert.True(r.PercentOfRoofline >= r.PercentOfPeak, "the roofline bound is at least the FLOP bound"));
        Assert.Null(report.Study);
    }

    [Fact]
    public void The_scaled_study_reports_its_peak_beside_its_embeddings_and_estimate()
    {
        var study = ScaledStudy.Measure(2000, new FixedMemory());
        Assert.Equal(2000 * 1536 * 4 / (double)(1 << 20), study.EmbeddingMb, 9);
        Assert.Equal(123, study.PeakRssMb);
        Assert.False(study.PeakResettable);
        Assert.True(study.EstimateMb > study.EmbeddingMb);
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(study, ResultJson.Options));
        foreach (var field in new[] { "rows", "embedding_mb", "estimate_mb", "peak_rss_mb", "peak_over_embeddings" })
        {
            Assert.True(json.RootElement.TryGetProperty(field, out _), field);
        }
    }

    [FmaFact]
    public void Shares_of_the_fma_peak_use_the_same_flops_as_shares_of_the_gemm_peak()
    {
        var options = new BenchOptions(Quick: true, Dim: 16, Rows: 512) { Fusions = ["product"], Batches = [32], SeedCounts = [1], StudyRows = 0 };
        var report = new TrainingBench(options, new FixedMemory()).Run();
        Assert.Equal(FmaPeak.VectorBits, report.FmaVectorBits);
        double fma = Assert.IsType<double>(report.FmaGflops);
        Assert.All(report.Rows, r => Assert.Equal(r.PercentOfPeak * report.GemmGflops / fma, r.PercentOfFmaPeak!.Value, 9));
    }

    [Fact]
    public void Bytes_per_sample_count_adamw_traffic_over_the_batch_and_the_row_embeddings()
    {
        // Tensor at 768 × 768, B = 64: 24 bytes for each of 18,874,466 parameters over 64 rows, plus 1,536 floats of input.
        long parameters = (589_824L * 32) + 32 + (32 * 2) + 2;
        Assert.Equal(18_874_466, parameters);
        Assert.Equal((24.0 * parameters / 64) + (4.0 * 1536), TrainingBench.BytesPerSample(589_824, 1536, 64));
    }

    [Fact]
    public unsafe void The_triad_computes_every_element_on_any_number_of_threads()
    {
        foreach (int threads in new[] { 1, 2, 3 })
        {
            float[] a = new float[1001], b = [.. Enumerable.Range(0, 1001).Select(i => (float)i)], c = [.. Enumerable.Range(0, 1001).Select(i => (float)(2 * i))];
            fixed (float* pa = a, pb = b, pc = c) MemoryBandwidth.Triad(pa, pb, pc, a.Length, 0.5f, threads);
            Assert.Equal(b.Select(v => 2 * v), a);   // b + 0.5·(2b)
        }
        Assert.True(MemoryBandwidth.Measure(2, rounds: 1, length: 1 << 20) > 0);
    }

    [Fact]
    public void Flops_per_sample_count_the_first_layer_without_an_input_gradient()
    {
        // D = 1536 (768-d concat), H = 32, C = 2: 4·(1536·32 + 32) + 6·(32·2 + 2).
        Assert.Equal((4.0 * ((1536 * 32) + 32)) + (6.0 * ((32 * 2) + 2)), TrainingBench.FlopsPerSample(1536));
    }
}
