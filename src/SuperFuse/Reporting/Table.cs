using System.Globalization;
using System.Text;

namespace SuperFuse.Reporting;

/// <summary>A tidy table: named columns, one value per column per row (string, int, long or double).</summary>
/// <param name="Columns">Column names.</param>
/// <param name="Rows">Rows; each has one value per column.</param>
public sealed record Table(IReadOnlyList<string> Columns, IReadOnlyList<object[]> Rows)
{
    /// <summary>RFC 4180 CSV with invariant round-trip numbers; NaN is written as an empty cell.</summary>
    public string ToCsv()
    {
        var sb = new StringBuilder();
        sb.AppendJoin(',', Columns).Append('\n');
        foreach (var row in Rows) sb.AppendJoin(',', row.Select(Cell)).Append('\n');
        return sb.ToString();
    }

    private static string Cell(object value) => value switch
    {
        double d when double.IsNaN(d) => "",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        string s when s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal) => $"\"{s.Replace("\"", "\"\"", StringComparison.Ordinal)}\"",
        _ => value.ToString() ?? "",
    };
}
