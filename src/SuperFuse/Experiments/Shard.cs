using System.Globalization;

namespace SuperFuse.Experiments;

/// <summary>
/// A deterministic slice of a grid: shard <see cref="Index"/> of <see cref="Count"/> takes the work units (cells, or groups of
/// seeds trained together) at positions p with p mod Count = Index of the grid order, so every shard gets a mix of sizes and fusions.
/// </summary>
public sealed record Shard(int Index, int Count)
{
    /// <summary>The whole grid.</summary>
    public static Shard All { get; } = new(0, 1);

    /// <summary>True for a real slice (more than one shard).</summary>
    public bool IsPartial => Count > 1;

    /// <summary>The work units (cells, or groups of cells trained together) of this shard, in grid order.</summary>
    public IReadOnlyList<T> Select<T>(IReadOnlyList<T> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        return units.Where((_, position) => position % Count == Index).ToList();
    }

    /// <summary>Parses <c>i/n</c> with 0 ≤ i &lt; n.</summary>
    public static Shard Parse(string text, string option = "--shard")
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('/');
        if (parts.Length == 2 && TryInt(parts[0], out int i) && TryInt(parts[1], out int n) && n >= 1 && i >= 0 && i < n)
        {
            return new Shard(i, n);
        }
        throw new UserInputException($"{option} '{text}' is not valid; expected i/n with 0 <= i < n, e.g. 0/4");
    }

    /// <summary>
    /// The shard of a Slurm array task, from SLURM_ARRAY_TASK_ID, _COUNT, _MIN and _STEP (ids need not start at 0),
    /// or null outside an array job.
    /// </summary>
    public static Shard? FromSlurm(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        if (environment("SLURM_ARRAY_TASK_ID") is not string idText) return null;
        int id = SlurmInt("SLURM_ARRAY_TASK_ID", idText);
        int min = SlurmInt("SLURM_ARRAY_TASK_MIN", environment("SLURM_ARRAY_TASK_MIN") ?? "0");
        int step = SlurmInt("SLURM_ARRAY_TASK_STEP", environment("SLURM_ARRAY_TASK_STEP") ?? "1");
        string? countText = environment("SLURM_ARRAY_TASK_COUNT");
        int count = countText is not null ? SlurmInt("SLURM_ARRAY_TASK_COUNT", countText)
            : (SlurmInt("SLURM_ARRAY_TASK_MAX", environment("SLURM_ARRAY_TASK_MAX") ?? idText) - min) / Math.Max(step, 1) + 1;
        if (step < 1 || (id - min) % step != 0 || (id - min) / step >= count || id < min)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"SLURM_ARRAY_TASK_ID {id} does not fit the array (min {min}, step {step}, count {count}); expected a contiguous array such as --array=0-{count - 1}, or pass --shard i/n"));
        }
        return new Shard((id - min) / step, count);
    }

    /// <summary>File-name form, e.g. <c>shard-2-of-4</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"shard-{Index}-of-{Count}");

    private static int SlurmInt(string name, string text) =>
        TryInt(text, out int value) ? value
            : throw new UserInputException($"environment variable {name} is '{text}'; expected an integer (set by Slurm)");

    private static bool TryInt(string text, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
