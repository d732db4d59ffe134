using SuperFuse.Model;

namespace SuperFuse.Experiments;

/// <summary>
/// Trains one work unit's cells and evaluates each on the clean test split, and under noise where the trainer can:
/// the plain autograd trainer (<see cref="PlainCellTrainer"/>, one cell) or the stacked trainers
/// (<see cref="StackedCellTrainer"/>, all seeds of a size together). <see cref="CellGroup"/> says which a unit takes.
/// </summary>
internal interface ICellTrainer
{
    /// <summary>Each cell's result and its best model, which the caller disposes; a result's noise points are null when the caller must sweep.</summary>
    IReadOnlyList<(CellResult Result, FusionClassifier Model)> Train(PreparedData data, CellGroup unit, CancellationToken cancel);
}
