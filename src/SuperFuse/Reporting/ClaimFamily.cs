using System.Globalization;
using SuperFuse.Experiments;
using SuperFuse.Metrics;

namespace SuperFuse.Reporting;

/// <summary>Decides one claim on one task from its family of comparisons, with Holm's correction inside the family.</summary>
internal static class ClaimFamily
{
    public static ClaimVerdict Decide(IReadOnlyList<CellRecord> cells, string id, string claim, string task, int seeds, List<ClaimCheck> checks)
    {
        var evidence = new List<string>();
        var judged = new List<(ClaimCheck Check, PairedTest Test)>();
        int excluded = 0;
        foreach (var check in checks)
        {
            if (Exclusion(cells, check) is string why)
            {
                excluded++;
                evidence.Add(why);
            }
            else if (check.Test(cells) is { } test) judged.Add((check, test));
        }
        var support = Holm.Adjust(judged.Select(j => j.Check.SupportP(j.Test)).ToArray());
        var refute = Holm.Adjust(judged.Select(j => j.Check.RefuteP(j.Test)).ToArray());
        var verdicts = judged.Select((j, k) => j.Check.Decide(j.Test, support[k], refute[k])).ToList();
        evidence.InsertRange(0, judged.Select((j, k) => j.Check.Describe(j.Test, support[k], refute[k], verdicts[k])));
        var verdict = verdicts.Count == 0 ? Verdict.Inconclusive
            : verdicts.Contains(Verdict.DoesNotHold) ? Verdict.DoesNotHold
            : verdicts.All(v => v == Verdict.Holds) ? Verdict.Holds : Verdict.Inconclusive;
        if (verdicts.Count == 0) evidence.Add($"{task}: no comparison could be judged");
        return new ClaimVerdict(id, claim, task, verdict, verdicts.Count, seeds, verdicts.Count(v => v == Verdict.Holds),
            verdicts.Count(v => v == Verdict.DoesNotHold), excluded, evidence);
    }

    /// <summary>Why a comparison is left out (a model at its majority rate), or null.</summary>
    private static string? Exclusion(IReadOnlyList<CellRecord> cells, ClaimCheck check)
    {
        bool a = BaselineStatus.ClearlyAbove(cells, check.Task, check.A, check.Size);
        bool b = BaselineStatus.ClearlyAbove(cells, check.Task, check.B, check.Size);
        if (check.OnRobustness ? a && b : a || b) return null;
        string which = !a && !b ? $"{check.A} and {check.B} are" : $"{(a ? check.B : check.A)} is";
        return string.Create(CultureInfo.InvariantCulture,
            $"{check.Task}, n = {check.Size}, {check.What}: {check.A} − {check.B} left out, {which} at the majority rate");
    }
}
