using Parquet;
using Parquet.Schema;
using SuperFuse.IO;

namespace SuperFuse.Reporting;

/// <summary>Writes a <see cref="Table"/> as CSV and as Parquet (one row group, typed columns).</summary>
public static class TableFiles
{
    /// <summary>Writes <c>name.csv</c> and <c>name.parquet</c> into <paramref name="folder"/>.</summary>
    public static void Write(Table table, string folder, string name)
    {
        ArgumentNullException.ThrowIfNull(table);
        OutputFolder.Ensure(folder);
        AtomicFile.WriteAllText(Path.Combine(folder, name + ".csv"), table.ToCsv());
        string parquet = Path.Combine(folder, name + ".parquet");
        AtomicFile.Write(parquet, stream => WriteParquetAsync(table, stream).GetAwaiter().GetResult());
    }

    private static async Task WriteParquetAsync(Table table, Stream stream)
    {
        var fields = table.Columns.Select((c, k) => FieldFor(c, table.Rows.Count > 0 ? table.Rows[0][k] : "")).ToArray();
        await using var writer = await ParquetWriter.CreateAsync(new ParquetSchema(fields), stream).ConfigureAwait(false);
        using var group = writer.CreateRowGroup();
        for (int k = 0; k < fields.Length; k++)
        {
            var column = table.Rows.Select(r => r[k]).ToArray();
            switch (fields[k].ClrType)
            {
                case var t when t == typeof(double): await group.WriteAsync<double>(fields[k], new ReadOnlyMemory<double>(column.Select(Convert.ToDouble).ToArray())).ConfigureAwait(false); break;
                case var t when t == typeof(long): await group.WriteAsync<long>(fields[k], new ReadOnlyMemory<long>(column.Select(Convert.ToInt64).ToArray())).ConfigureAwait(false); break;
                case var t when t == typeof(int): await group.WriteAsync<int>(fields[k], new ReadOnlyMemory<int>(column.Select(Convert.ToInt32).ToArray())).ConfigureAwait(false); break;
                default: await group.WriteAsync(fields[k], column.Select(v => v.ToString() ?? "").ToArray(), null).ConfigureAwait(false); break;
            }
        }
    }

    private static DataField FieldFor(string name, object sample) => sample switch
    {
        double => new DataField<double>(name),
        long => new DataField<long>(name),
        int => new DataField<int>(name),
        _ => new DataField<string>(name),
    };
}
