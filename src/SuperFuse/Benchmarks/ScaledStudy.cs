using System.Diagnostics;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.Fusion;

namespace SuperFuse.Benchmarks;

/// <summary>
/// The memory of a real study at scale: built-in 768-d data of <see cref="BenchOptions.StudyRows"/> rows, concat and
/// product, 20 seeds at n = 32 for one epoch, with the noise sweep, run through <see cref="StudyRunner"/> as
/// <c>superfuse run</c> runs it (results kept in memory). Its peak RSS is set beside the embeddings' bytes and the
/// estimate printed before a run (<see cref="MemoryEstimate"/>): the peak grows with the pool, not with the epochs.
/// </summary>
public static class ScaledStudy
{
    /// <summary>Generates the data, runs the study and measures its peak; the peak is the process's since the reset.</summary>
    public static StudyMemory Measure(int rows, IMemoryProbe memory)
    {
        ArgumentNullException.ThrowIfNull(memory);
        var config = new StudyConfig
        {
            BuiltinCount = rows,
            BuiltinDims = 768,
            Fusions = [FusionId.Parse("concat"), FusionId.Parse("product")],
            Tasks = [LearningTask.Real],
            Sizes = [32],
            Seeds = [.. Enumerable.Range(1, 20)],
            Epochs = 1,
        };
        var clock = Stopwatch.StartNew();
        var (data, _) = StudyData.Load(config);
        var units = CellGroup.Of(StudyGrid.Cells(config, data), config, data);
        var estimate = MemoryEstimate.Of(data, units, config);
        bool reset = memory.ResetPeak();
        new StudyRunner(config, new MemoryStore()).Run(data, units, force: true);
        return new StudyMemory(rows, estimate.Embeddings / Mb, estimate.Total / Mb, memory.PeakMb(), reset, clock.Elapsed.TotalSeconds);
    }

    private const double Mb = 1 << 20;

    // Cells kept in memory: the bench measures the study, not its files.
    private sealed class MemoryStore : ICellStore
    {
        private readonly Dictionary<string, CellRecord> records = [];

        public CellRecord? TryLoad(string key) => records.GetValueOrDefault(key);

        public void Save(CellRecord record) => records[record.Key] = record;

        public IDisposable? TryClaim(string key) => new Claim();

        private sealed class Claim : IDisposable
        {
            public void Dispose()
            {
                // Nothing to release: one process, no locks.
            }
        }
    }
}

/// <summary>What <see cref="ScaledStudy"/> measured.</summary>
/// <param name="Rows">Rows of the data set.</param>
/// <param name="EmbeddingMb">The two embedding matrices, MiB.</param>
/// <param name="EstimateMb">The study's memory estimate, MiB.</param>
/// <param name="PeakRssMb">Peak RSS while the study ran, MiB (the process's since start when the peak could not be reset).</param>
/// <param name="PeakResettable">Whether the peak was reset before the study.</param>
/// <param name="Seconds">Wall time, data generation included.</param>
public sealed record StudyMemory(int Rows, double EmbeddingMb, double EstimateMb, double PeakRssMb, bool PeakResettable, double Seconds)
{
    /// <summary>Peak RSS over the embeddings' bytes.</summary>
    public double PeakOverEmbeddings => PeakRssMb / EmbeddingMb;
}
