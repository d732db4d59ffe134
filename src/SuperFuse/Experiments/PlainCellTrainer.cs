using SuperFuse.Model;
using SuperFuse.Training;

namespace SuperFuse.Experiments;

/// <summary>The plain autograd trainer behind <see cref="ICellTrainer"/>: one cell a unit (<see cref="CellRunner"/>).</summary>
internal sealed class PlainCellTrainer(Func<string, IProgress<EpochReport>>? epochLog) : ICellTrainer
{
    public IReadOnlyList<(CellResult Result, FusionClassifier Model)> Train(PreparedData data, CellGroup unit, CancellationToken cancel) =>
        [CellRunner.Run(data, unit.Cells[0], epochLog?.Invoke(unit.Cells[0].Key), cancel)];
}
