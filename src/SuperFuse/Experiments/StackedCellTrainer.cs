using SuperFuse.Model;
using SuperFuse.Robustness;
using SuperFuse.Training;
using SuperFuse.Training.Stacked;

namespace SuperFuse.Experiments;

/// <summary>
/// The stacked trainers behind <see cref="ICellTrainer"/>: all seeds of a unit together, evaluated clean and under
/// noise at once (<see cref="StackedCellRunner"/>), with the fused features of the study's data.
/// </summary>
internal sealed class StackedCellTrainer(FeatureCache features, Func<string, IProgress<EpochReport>>? epochLog,
    NoiseDrawSet noise, NoiseOptions options) : ICellTrainer
{
    public IReadOnlyList<(CellResult Result, FusionClassifier Model)> Train(PreparedData data, CellGroup unit, CancellationToken cancel) =>
        StackedCellRunner.Run(data, unit.Cells, features, epochLog, (noise, options), cancel);
}
