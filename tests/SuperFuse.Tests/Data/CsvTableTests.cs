using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class CsvTableTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var t = CsvTable.Parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n", "m.csv");
        Assert.Equal(["a", "b", "c"], t.Header);
        Assert.Equal(["1", "x, y", "say \"hi\""], t.Rows[0]);
        Assert.Equal(["2", "two\nlines", ""], t.Rows[1]);
    }

    [Fact]
    public void A_row_with_the_wrong_field_count_names_its_line()
    {
        var e = Assert.Throws<UserInputException>(() => CsvTable.Parse("a,b\n1,2\n3\n", "m.csv"));
        Assert.Contains("m.csv: line 3 has 1 fields; expected 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_an_error() =>
        Assert.Throws<UserInputException>(() => CsvTable.Parse("a\n\"open\n", "m.csv"));
}
