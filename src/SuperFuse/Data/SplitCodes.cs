using System.Globalization;

namespace SuperFuse.Data;

/// <summary>
/// A data set's own train/validation/test assignment (protocol §1): integer codes 0, 1, 2 in every format, and in formats
/// that hold strings also the names train, validation (val, valid, dev) and test.
/// </summary>
public static class SplitCodes
{
    /// <summary>The train part.</summary>
    public const int Train = 0;

    /// <summary>The validation part.</summary>
    public const int Validation = 1;

    /// <summary>The test part.</summary>
    public const int Test = 2;

    private static readonly Dictionary<string, int> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["train"] = Train,
        ["validation"] = Validation,
        ["val"] = Validation,
        ["valid"] = Validation,
        ["dev"] = Validation,
        ["test"] = Test,
    };

    /// <summary>The canonical name of a code.</summary>
    public static string Name(int code) => code switch { Train => "train", Validation => "validation", _ => "test" };

    /// <summary>Codes from integers; anything but 0, 1, 2 is a one-line error naming the row.</summary>
    public static int[] FromIntegers(IReadOnlyList<long> values, string source, string field)
    {
        ArgumentNullException.ThrowIfNull(values);
        var codes = new int[values.Count];
        for (int r = 0; r < values.Count; r++)
        {
            codes[r] = values[r] is >= Train and <= Test ? (int)values[r] : throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: split field '{field}' row {r} holds {values[r]}; expected 0 (train), 1 (validation) or 2 (test)"));
        }
        return codes;
    }

    /// <summary>Codes from names (or integer strings); an unknown name is a one-line error naming the row.</summary>
    public static int[] FromStrings(IReadOnlyList<string> values, string source, string field)
    {
        ArgumentNullException.ThrowIfNull(values);
        var codes = new int[values.Count];
        for (int r = 0; r < values.Count; r++)
        {
            string v = values[r].Trim();
            codes[r] = Names.TryGetValue(v, out int code) ? code
                : long.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out long n) && n is >= Train and <= Test ? (int)n
                : throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: split field '{field}' row {r} holds '{values[r]}'; expected train, validation (val, valid, dev), test or 0, 1, 2"));
        }
        return codes;
    }
}
