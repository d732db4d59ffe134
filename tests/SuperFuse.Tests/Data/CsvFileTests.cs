using SuperFuse.Data;

namespace SuperFuse.Tests.Data;

public sealed class CsvFileTests
{
    [Fact]
    public void Quoted_fields_hold_commas_quotes_and_line_breaks()
    {
        var t = CsvFile.Parse("a,b,c\r\n1,\"x, y\",\"say \"\"hi\"\"\"\n2,\"two\nlines\",\n", "m.csv");
        Assert.Equal(["a", "b", "c"], t.Header);
        Assert.Equal(["1", "x, y", "say \"hi\""], t.Rows[0]);
        Assert.Equal(["2", "two\nlines", ""], t.Rows[1]);
        Assert.Equal(2, t.Rows.Count);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_the_last_line_needs_no_newline()
    {
        var t = CsvFile.Parse("a,b\n\n1,2\r\n\r\n3,4", "m.csv");
        Assert.Equal([["1", "2"], ["3", "4"]], t.Rows);
    }

    [Theory]
    [InlineData("a,b\n1,2\n3\n", "m.csv: line 3 has 1 fields; expected 2 as in the header")]
    [InlineData("a,b\n1,\"two\nlines\"\n3,4,5\n", "m.csv: line 4 has 3 fields; expected 2")]
    [InlineData("a\n\"open\n", "m.csv: line 2 has a quoted field that never ends")]
    [InlineData("a,b\n1,x\"y\n2,3\n", "m.csv: line 2 has a quote inside an unquoted field")]
    [InlineData("a,b\n\"x\"y\"\",2\n", "m.csv: line 2 has a quote inside a quoted field that is not doubled")]
    [InlineData("", "m.csv: is empty; expected a header line")]
    public void Each_malformed_file_names_its_line(string text, string message)
    {
        var e = Assert.Throws<UserInputException>(() => CsvFile.Parse(text, "m.csv"));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
