using System.Globalization;
using nietras.SeparatedValues;

namespace SuperFuse.Data;

/// <summary>
/// A comma-separated file (RFC 4180: quoted fields may hold commas, doubled quotes and line breaks) as a header and
/// rows, split by Sep. Stricter than Sep alone: every row has the header's field count, a quote opens only a quoted
/// field, and a quoted field must close; each error names the file and line. Blank lines are skipped.
/// </summary>
public sealed record CsvFile(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names the file in errors (with its line).</summary>
    public static CsvFile Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        using var reader = Sep.New(',').Reader(o => o with { HasHeader = false, DisableColCountCheck = true })
            .FromText(text);
        var records = new List<string[]>();
        foreach (var row in reader)
        {
            if (row.ColCount == 1 && row[0].Span.IsEmpty) continue;
            var fields = new string[row.ColCount];
            for (int c = 0; c < fields.Length; c++) fields[c] = Field(row[c].Span, source, row.LineNumberFrom);
            if (records.Count > 0 && fields.Length != records[0].Length)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: line {row.LineNumberFrom} has {fields.Length} fields; expected {records[0].Length} as in the header"));
            }
            records.Add(fields);
        }
        if (records.Count == 0) throw new UserInputException($"{source}: is empty; expected a header line");
        return new CsvFile(records[0], records.Skip(1).ToList());
    }

    /// <summary>The value of one raw field: as written, or with its quotes removed and doubled quotes undone.</summary>
    private static string Field(ReadOnlySpan<char> raw, string source, int line)
    {
        if (raw.IsEmpty || raw[0] != '"')
        {
            if (raw.Contains('"')) throw Error(source, line, "has a quote inside an unquoted field; expected the whole field in quotes, with inner quotes doubled");
            return raw.ToString();
        }
        if (raw.Length < 2 || raw[^1] != '"') throw Error(source, line, "has a quoted field that never ends; expected a closing \"");
        string inner = raw[1..^1].ToString();
        if (inner.Replace("\"\"", "", StringComparison.Ordinal).Contains('"', StringComparison.Ordinal))
        {
            throw Error(source, line, "has a quote inside a quoted field that is not doubled; expected \"\" for each quote");
        }
        return inner.Replace("\"\"", "\"", StringComparison.Ordinal);
    }

    private static UserInputException Error(string source, int line, string what) =>
        new(string.Create(CultureInfo.InvariantCulture, $"{source}: line {line} {what}"));
}
