using SuperFuse.Data;
using SuperFuse.Fusion;

namespace SuperFuse.Experiments;

/// <summary>The cells of a study in a fixed order: task, then fusion, then size, then seed.</summary>
public static class StudyGrid
{
    /// <summary>Checks the config against the data and lists its cells.</summary>
    public static IReadOnlyList<CellSpec> Cells(StudyConfig config, PreparedData data)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(data);
        Validate(config);
        int pool = data.Split.TrainPool.Length;
        var sizes = config.Sizes ?? TrainingSizes.Ladder(pool);
        int tooBig = sizes.FirstOrDefault(s => s > pool);
        if (tooBig > 0)
        {
            throw new UserInputException($"size {tooBig} is larger than the train pool of {data.Data.Source} ({pool} rows); expected sizes ≤ {pool}");
        }
        if (config.Figure3Size is int shown && !sizes.Contains(shown))
        {
            throw new UserInputException(
                $"figure3_size {shown} is not a training size of the grid ({string.Join(", ", sizes)}); expected one of them, or leave it out for each fusion's largest");
        }
        var train = config.TrainOptions();
        var model = config.ModelOptions();
        var cells = new List<CellSpec>();
        foreach (var task in config.Tasks)
        {
            foreach (var fusion in config.Fusions)
            {
                CheckDims(fusion, data.Data);
                int cap = config.SizeCaps.TryGetValue(fusion.Name, out int c) ? c : int.MaxValue;
                foreach (int size in sizes.Where(s => s <= cap))
                {
                    cells.AddRange(config.Seeds.Select(seed => new CellSpec(fusion, task, size, seed, config.SplitSeed, train, model)));
                }
            }
        }
        return cells;
    }

    /// <summary>
    /// True when <paramref name="cell"/> can be a cell of <paramref name="config"/>'s grid: its fusion, task and seed are
    /// configured, and its size is one of the configured sizes (any size when the ladder follows the data) within the
    /// fusion's cap. A report leaves other cells out.
    /// </summary>
    public static bool Belongs(StudyConfig config, CellRecord cell)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(cell);
        int cap = config.SizeCaps.TryGetValue(cell.Fusion, out int c) ? c : int.MaxValue;
        return config.Fusions.Any(f => f.Name == cell.Fusion) && config.Tasks.Any(t => t.Name() == cell.Task)
            && config.Seeds.Contains(cell.Seed) && cell.Size <= cap && (config.Sizes is null || config.Sizes.Contains(cell.Size));
    }

    private static void CheckDims(FusionId fusion, PairedDataset data)
    {
        try
        {
            fusion.Method.OutputDim(data.TextDim, data.ImageDim);
        }
        catch (UserInputException e)
        {
            throw new UserInputException($"{data.Source}: {e.Message}", e);
        }
    }

    private static void Distinct<T>(string key, IReadOnlyList<T> values)
    {
        var twice = values.GroupBy(v => v).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) throw new UserInputException($"{key}: '{twice.Key}' is listed twice; expected each value once");
    }

    /// <summary>Throws a <see cref="UserInputException"/> naming the first bad setting.</summary>
    public static void Validate(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.Fusions.Count == 0) throw new UserInputException("fusions is empty; expected at least one fusion");
        if (config.Tasks.Count == 0) throw new UserInputException("tasks is empty; expected real, synthetic or both");
        if (config.Seeds.Count == 0) throw new UserInputException("seeds is empty; expected at least one seed");
        if (config.Sizes is { Count: 0 }) throw new UserInputException("sizes is empty; expected positive sizes");
        Distinct("seeds", config.Seeds);
        Distinct("sizes", config.Sizes ?? []);
        Distinct("labels", config.Labels ?? []);
        Distinct("tasks", config.Tasks.Select(t => t.Name()).ToList());
        foreach (int size in config.Sizes ?? [])
        {
            if (size < 1) throw new UserInputException($"sizes: size {size} is not positive; expected sizes ≥ 1");
        }
        Distinct("fusions", config.Fusions.Select(f => f.Name).ToList());
        config.TrainOptions().Validate();
        config.Noise.Validate();
        if (!(config.CcaRidge > 0 && config.CcaRidge < 1e6))
        {
            throw new UserInputException($"cca_ridge is {config.CcaRidge}; expected a positive ridge such as {Alignment.DefaultCcaRidge}");
        }
    }
}
