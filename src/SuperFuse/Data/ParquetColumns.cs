using System.Globalization;
using Parquet;
using Parquet.Data;
using Parquet.Schema;

namespace SuperFuse.Data;

/// <summary>
/// Reads whole columns of a Parquet file in the layout Hugging Face <c>datasets</c> writes: embeddings as
/// <c>list&lt;float&gt;</c> (or Arrow <c>fixed_size_list</c>, which Parquet stores as a list too), labels as integers,
/// bools or strings.
/// </summary>
internal sealed class ParquetColumns(ParquetReader reader, string source)
{
    /// <summary>Reads a list-of-float column as a row-major matrix; every row must hold the same number of values.</summary>
    public async Task<(float[] Values, int Dim, int Rows)> ReadMatrixAsync(string name)
    {
        var field = LeafOf(name, expectList: true);
        var values = new List<float>();
        var rowLengths = new List<int>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            using var raw = await group.ReadRawColumnDataBaseAsync(field).ConfigureAwait(false);
            AppendFloats(raw, values);
            AppendRowLengths(raw, field, rowLengths, name);
        }
        int dim = rowLengths.Count == 0 ? 0 : rowLengths[0];
        int bad = rowLengths.FindIndex(n => n != dim);
        if (bad >= 0)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{source}: column '{name}' row {bad} has {rowLengths[bad]} values but row 0 has {dim}; expected equal-length embeddings"));
        }
        return (values.ToArray(), dim, rowLengths.Count);
    }

    /// <summary>Reads a scalar label column as integers or, for a string column, as strings.</summary>
    public async Task<(long[]? Integers, string[]? Strings)> ReadLabelsAsync(string name)
    {
        var field = LeafOf(name, expectList: false);
        var ints = new List<long>();
        var strings = new List<string>();
        for (int g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            using var raw = await group.ReadRawColumnDataBaseAsync(field).ConfigureAwait(false);
            int before = ints.Count + strings.Count;
            if (raw is RawColumnData<ReadOnlyMemory<char>> text)
            {
                foreach (var v in text.Values) strings.Add(v.ToString());
            }
            else
            {
                ints.AddRange(IntegersOf(raw, name));
            }
            if (ints.Count + strings.Count - before != group.RowCount)
            {
                throw new UserInputException($"{source}: column '{name}' holds null labels; expected a label on every row");
            }
        }
        return strings.Count > 0 ? (null, strings.ToArray()) : (ints.ToArray(), null);
    }

    private DataField LeafOf(string name, bool expectList)
    {
        var top = reader.Schema.Fields.FirstOrDefault(f => f.Name == name) ?? throw new UserInputException(
            $"{source}: has no column '{name}' (columns: {string.Join(", ", reader.Schema.Fields.Select(f => f.Name))}); expected it to exist");
        var leaf = top switch
        {
            ListField { Item: DataField item } => item,
            DataField data => data,
            _ => null,
        };
        bool isList = top is ListField || leaf?.IsArray == true;
        if (leaf is null || isList != expectList)
        {
            string want = expectList ? "a list<float> embedding column" : "a scalar label column";
            throw new UserInputException($"{source}: column '{name}' has the wrong shape; expected {want}");
        }
        return leaf;
    }

    private void AppendFloats(RawColumnData raw, List<float> into)
    {
        switch (raw)
        {
            case RawColumnData<float> f: into.AddRange(f.Values); break;
            case RawColumnData<double> d: foreach (double v in d.Values) into.Add((float)v); break;
            case RawColumnData<Half> h: foreach (Half v in h.Values) into.Add((float)v); break;
            default:
                throw new UserInputException($"{source}: an embedding column holds {raw.GetType().GetGenericArguments().FirstOrDefault()?.Name}; expected float, double or float16");
        }
    }

    private IEnumerable<long> IntegersOf(RawColumnData raw, string name) => raw switch
    {
        RawColumnData<long> l => l.Values.ToArray(),
        RawColumnData<int> i => i.Values.ToArray().Select(v => (long)v),
        RawColumnData<short> s => s.Values.ToArray().Select(v => (long)v),
        RawColumnData<sbyte> sb => sb.Values.ToArray().Select(v => (long)v),
        RawColumnData<byte> b => b.Values.ToArray().Select(v => (long)v),
        RawColumnData<bool> t => t.Values.ToArray().Select(v => v ? 1L : 0L),
        _ => throw new UserInputException(
            $"{source}: column '{name}' holds {raw.GetType().GetGenericArguments().FirstOrDefault()?.Name}; expected integer, bool or string labels"),
    };

    private void AppendRowLengths(RawColumnData raw, DataField field, List<int> into, string name)
    {
        var rep = raw.RepetitionLevels;
        var def = raw.DefinitionLevels;
        for (int k = 0; k < rep.Length; k++)
        {
            if (rep[k] == 0) into.Add(0);
            if (def[k] == field.MaxDefinitionLevel) into[^1]++;
            else if (def[k] >= field.MaxDefinitionLevel - 1 && field.IsNullable)
            {
                throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                    $"{source}: column '{name}' row {into.Count - 1} holds a null value; expected finite numbers"));
            }
        }
    }
}
