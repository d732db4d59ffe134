using SuperFuse.Data;

namespace SuperFuse.Experiments;

/// <summary>Loads, filters, splits and aligns the data of a study config.</summary>
public static class StudyData
{
    /// <summary>The prepared data, and the config with <c>align</c> resolved (what "auto" became), to be recorded.</summary>
    public static (PreparedData Data, StudyConfig Config) Load(StudyConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        int dims = config.BuiltinDims;
        var data = DatasetLoader.Load(config.Data, config.Fields, new BuiltinOptions(config.BuiltinCount, dims, dims));
        if (config.Labels is { } labels) data = ClassSelection.Keep(data, labels);
        var prepared = new PreparedData(data, config.SplitSeed, config.Align, config.CcaRidge);
        if (config.AlignWidth is int given && given != prepared.AlignWidth)
        {
            throw new UserInputException(
                $"align_width is {given}, but the alignment gives {prepared.AlignWidth?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}; expected it left out (run records it)");
        }
        if (config.SplitSource is string source && source != prepared.SplitSource)
        {
            throw new UserInputException($"split_source is '{source}', but the data gives '{prepared.SplitSource}'; expected it left out (run records it)");
        }
        return (prepared, config with { Align = prepared.Align, AlignWidth = prepared.AlignWidth, SplitSource = prepared.SplitSource });
    }

    /// <summary>Parses an <c>align</c> value.</summary>
    public static AlignMethod ParseAlign(string value) => Alignment.Parse(value);
}
