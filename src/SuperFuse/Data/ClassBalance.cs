using System.Globalization;

namespace SuperFuse.Data;

/// <summary>Class shares of a set of rows and the majority-class rate, the baseline every accuracy is read against (protocol §1).</summary>
/// <param name="Shares">Share of each class among the rows, in class order.</param>
public sealed record ClassBalance(double[] Shares)
{
    /// <summary>Train-pool share of one class at or above which a task is named as degenerate (protocol §1).</summary>
    public const double DegenerateShare = 0.95;

    /// <summary>The share of the most common class: the accuracy of always answering it.</summary>
    public double Majority => Shares.Length == 0 ? double.NaN : Shares.Max();

    /// <summary>The index of the most common class (the first of equals).</summary>
    public int MajorityClass => Array.IndexOf(Shares, Majority);

    /// <summary>The class shares of <paramref name="rows"/> of <paramref name="labels"/>.</summary>
    public static ClassBalance Of(IReadOnlyList<int> labels, IReadOnlyList<int> rows, int classes)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(rows);
        var counts = new double[classes];
        foreach (int r in rows) counts[labels[r]]++;
        return new ClassBalance(counts.Select(c => rows.Count == 0 ? 0 : c / rows.Count).ToArray());
    }

    /// <summary>
    /// The warning for a task whose train pool is at least <see cref="DegenerateShare"/> one class, or null: its
    /// accuracies near 100 % are mostly the majority rate.
    /// </summary>
    public static string? DegenerateWarning(string task, double trainMajority, string majorityClass) =>
        trainMajority < DegenerateShare ? null : string.Create(CultureInfo.InvariantCulture,
            $"task {task}: {100 * trainMajority:0.0} % of the train pool is class '{majorityClass}'; accuracies near that share are the majority rate, not learning");
}
