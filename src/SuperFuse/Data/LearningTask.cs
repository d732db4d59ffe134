namespace SuperFuse.Data;

/// <summary>The two tasks on the same embeddings (protocol §1).</summary>
public enum LearningTask
{
    /// <summary>The data set's own labels.</summary>
    Real,

    /// <summary>y = 1 if T·I &gt; 0 else 0, on the clean embeddings.</summary>
    Synthetic,
}

/// <summary>Applies a <see cref="LearningTask"/> to a data set.</summary>
public static class LearningTasks
{
    /// <summary>Parses "real" or "synthetic".</summary>
    public static LearningTask Parse(string name) => name?.Trim().ToLowerInvariant() switch
    {
        "real" => LearningTask.Real,
        "synthetic" => LearningTask.Synthetic,
        _ => throw new UserInputException($"unknown task '{name}'; expected real or synthetic"),
    };

    /// <summary>The lower-case name used on the command line and in result tables.</summary>
    public static string Name(this LearningTask task) => task == LearningTask.Real ? "real" : "synthetic";

    /// <summary>The data with the task's labels. Synthetic needs d_t = d_i (align first otherwise, protocol §6).</summary>
    public static PairedDataset Apply(this LearningTask task, PairedDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (task == LearningTask.Real) return data;
        if (data.TextDim != data.ImageDim)
        {
            throw new UserInputException(
                $"{data.Source}: the synthetic task needs equal text and image dims, got {data.TextDim} and {data.ImageDim}; expected them aligned first");
        }
        var labels = new int[data.Count];
        int d = data.TextDim;
        for (int r = 0; r < data.Count; r++)
        {
            double dot = 0;
            for (int j = 0; j < d; j++) dot += (double)data.Text[(r * d) + j] * data.Image[(r * d) + j];
            labels[r] = dot > 0 ? 1 : 0;
        }
        return data.WithLabels(labels, ["T·I ≤ 0", "T·I > 0"]);
    }
}
