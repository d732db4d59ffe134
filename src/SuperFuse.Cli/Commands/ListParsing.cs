using System.Globalization;

namespace SuperFuse.Cli.Commands;

/// <summary>Parses comma-separated option values, with errors that name the option.</summary>
internal static class ListParsing
{
    public static IReadOnlyList<string> Names(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static IReadOnlyList<int> Integers(string option, string value)
    {
        var parts = Names(value);
        if (parts.Count == 0) throw new UserInputException($"{option} is empty; expected a comma-separated list of positive integers");
        return parts.Select(p => int.TryParse(p, NumberStyles.Integer, CultureInfo.InvariantCulture, out int v) && v > 0 ? v
            : throw new UserInputException($"{option} value '{p}' is not a positive integer; expected e.g. 32,64,128")).ToArray();
    }

    /// <summary>"5" means seeds 1..5; "1,2,7" means exactly those.</summary>
    public static IReadOnlyList<int> Seeds(string value)
    {
        var list = Integers("--seeds", value);
        return list.Count == 1 ? Enumerable.Range(1, list[0]).ToArray() : list;
    }

    public static IReadOnlyList<double> Alphas(string value)
    {
        var parts = Names(value);
        if (parts.Count == 0) throw new UserInputException("--alphas is empty; expected e.g. 0,0.05,0.1");
        return parts.Select(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out double v) ? v
            : throw new UserInputException($"--alphas value '{p}' is not a number; expected values in [0, 1)")).ToArray();
    }
}
