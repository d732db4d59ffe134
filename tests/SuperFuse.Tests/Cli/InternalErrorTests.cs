using SuperFuse.Cli;

namespace SuperFuse.Tests.Cli;

/// <summary>An exception that is SuperFuse's own fault reaches the terminal as one line, with the trace in a log file.</summary>
public sealed class InternalErrorTests
{
    /// <summary>A standard output that fails on every write: the command's own code then throws, as a bug would.</summary>
    private sealed class BrokenWriter : StringWriter
    {
        public override void Write(char value) => throw new InvalidOperationException("the writer is broken");

        public override void Write(string? value) => throw new InvalidOperationException("the writer is broken");

        public override void WriteLine(string? value) => throw new InvalidOperationException("the writer is broken");
    }

    [Fact]
    public void An_unexpected_exception_prints_one_line_exits_70_and_keeps_the_trace()
    {
        var stderr = new StringWriter();
        int exit = SuperFuseCli.Run(["fusions", "--dims", "4,4"], new BrokenWriter(), stderr);
        Assert.Equal(SuperFuseCli.InternalErrorExit, exit);
        string line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("superfuse: internal error: InvalidOperationException: the writer is broken; details in ", line, StringComparison.Ordinal);
        string log = line[(line.IndexOf("details in ", StringComparison.Ordinal) + "details in ".Length)..].Trim();
        try
        {
            string trace = File.ReadAllText(log);
            Assert.Contains("superfuse fusions --dims 4,4", trace, StringComparison.Ordinal);
            Assert.Contains("   at ", trace, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(log);
        }
    }
}
