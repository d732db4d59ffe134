using System.Globalization;
using System.Text;

namespace SuperFuse.Data;

/// <summary>A parsed CSV file (RFC 4180: quoted fields may hold commas, quotes and line breaks): a header and rows.</summary>
public sealed record CsvTable(IReadOnlyList<string> Header, IReadOnlyList<string[]> Rows)
{
    /// <summary>Parses <paramref name="text"/>; <paramref name="source"/> names the file in errors (with its line).</summary>
    public static CsvTable Parse(string text, string source)
    {
        ArgumentNullException.ThrowIfNull(text);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        int line = 1, recordLine = 1;
        bool quoted = false, any = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; any = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); any = true; break;
                case '\r': break;
                case '\n':
                    line++;
                    if (any || field.Length > 0 || fields.Count > 0) End(records, fields, field, recordLine, records.Count > 0 ? records[0].Length : -1, source);
                    any = false;
                    recordLine = line;
                    break;
                default: field.Append(c); any = true; break;
            }
        }
        if (quoted) throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{source}: line {recordLine}: a quoted field never ends; expected a closing \""));
        if (any || field.Length > 0 || fields.Count > 0) End(records, fields, field, recordLine, records.Count > 0 ? records[0].Length : -1, source);
        if (records.Count == 0) throw new UserInputException($"{source}: is empty; expected a header line");
        return new CsvTable(records[0], records.Skip(1).ToList());
    }

    private static void End(List<string[]> records, List<string> fields, StringBuilder field, int line, int width, string source)
    {
        fields.Add(field.ToString());
        field.Clear();
        if (width >= 0 && fields.Count != width)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: line {line} has {fields.Count} fields; expected {width} as in the header"));
        }
        records.Add([.. fields]);
        fields.Clear();
    }
}
