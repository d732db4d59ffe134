using SuperFuse.Experiments;

namespace SuperFuse.Cli.Commands;

/// <summary>The <c>superfuse train --json</c> object.</summary>
internal sealed record TrainJson(
    string Fusion, string Task, int Size, int Seed, int SplitSeed, int BestEpoch, int EpochsRun, string StopReason,
    double ValAccuracy, double TestAccuracy, double TestAuc, long Parameters, double Seconds, string Checkpoint, string Trainer)
{
    public static TrainJson From(CellResult r, string checkpoint) => new(
        r.Spec.Fusion.Name, SuperFuse.Data.LearningTasks.Name(r.Spec.Task), r.Spec.Size, r.Spec.Seed, r.Spec.SplitSeed,
        r.Training.BestEpoch, r.Training.EpochsRun,
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(r.Training.StopReason.ToString()),
        r.Training.ValidationAccuracy, r.TestAccuracy, r.TestRoc.Auc, r.Parameters, r.Seconds, checkpoint, r.Trainer);
}
