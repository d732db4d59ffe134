using System.Globalization;

namespace SuperFuse.Data;

/// <summary>Turns raw label columns into class indices 0..C−1 with class names.</summary>
public static class LabelEncoding
{
    /// <summary>
    /// Integer (or bool) labels must already be the classes 0..C−1, each present at least once; names are "0".."C−1".
    /// </summary>
    public static (int[] Labels, string[] ClassNames) FromIntegers(IReadOnlyList<long> raw, string source, string field)
    {
        ArgumentNullException.ThrowIfNull(raw);
        long max = -1;
        for (int r = 0; r < raw.Count; r++)
        {
            if (raw[r] < 0 || raw[r] > 1_000_000)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: field '{field}' row {r} is {raw[r]}; expected an integer class 0..C-1"));
            }
            max = Math.Max(max, raw[r]);
        }
        var seen = new bool[max + 1];
        var labels = new int[raw.Count];
        for (int r = 0; r < raw.Count; r++)
        {
            labels[r] = (int)raw[r];
            seen[labels[r]] = true;
        }
        int missing = Array.IndexOf(seen, false);
        if (missing >= 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: field '{field}' never has class {missing} but has {max}; expected integer classes 0..C-1"));
        }
        return (labels, Enumerable.Range(0, (int)max + 1).Select(c => c.ToString(CultureInfo.InvariantCulture)).ToArray());
    }

    /// <summary>String labels become classes in ordinal sort order, unless <paramref name="keep"/> names them.</summary>
    public static (int[] Labels, string[] ClassNames) FromStrings(IReadOnlyList<string> raw, string source,
        string field, IReadOnlyList<string>? keep = null)
    {
        ArgumentNullException.ThrowIfNull(raw);
        string[] names = keep?.ToArray() ?? raw.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToArray();
        var index = names.Select((n, k) => (n, k)).ToDictionary(p => p.n, p => p.k, StringComparer.Ordinal);
        var labels = new int[raw.Count];
        for (int r = 0; r < raw.Count; r++)
        {
            if (!index.TryGetValue(raw[r], out labels[r]))
            {
                throw new UserInputException(
                    $"{source}: field '{field}' row {r} is '{raw[r]}'; expected one of {string.Join(", ", names)}");
            }
        }
        return (labels, names);
    }
}
