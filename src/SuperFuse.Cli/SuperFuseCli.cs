using System.CommandLine;
using SuperFuse.Cli.Commands;

namespace SuperFuse.Cli;

/// <summary>The <c>superfuse</c> command line: parses, dispatches, and turns user errors into exit code 2.</summary>
public static class SuperFuseCli
{
    /// <summary>Exit code for bad input (a file, a field, an option).</summary>
    public const int UserErrorExit = 2;

    /// <summary>Exit code for an error that is SuperFuse's own (EX_SOFTWARE): one line on stderr, the trace in a log file.</summary>
    public const int InternalErrorExit = 70;

    /// <summary>The command tree, writing to <paramref name="stdout"/> and <paramref name="stderr"/>.</summary>
    internal static RootCommand Root(TextWriter stdout, TextWriter stderr)
    {
        var root = new RootCommand("SuperFuse: how the way text and image embeddings are fused affects accuracy, data efficiency and robustness.");
        root.Subcommands.Add(TrainCommand.Build(stdout, stderr));
        root.Subcommands.Add(FusionsCommand.Build(stdout));
        root.Subcommands.Add(RunCommand.Build(stdout, stderr));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr));
        root.Subcommands.Add(SlurmCommand.Build(stdout));
        root.Subcommands.Add(EmbedCommand.Build(stdout, stderr));
        root.Subcommands.Add(FigureCommands.Dial(stdout));
        root.Subcommands.Add(FigureCommands.Frontier(stdout));
        root.Subcommands.Add(BenchCommand.Build(stdout, stderr));
        return root;
    }

    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var root = Root(stdout, stderr);
        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            stderr.WriteLine($"superfuse: error: {parse.Errors[0].Message} (see 'superfuse --help')");
            return UserErrorExit;
        }
        var config = new InvocationConfiguration { Output = stdout, Error = stderr, EnableDefaultExceptionHandler = false };
        try
        {
            return parse.Invoke(config);
        }
        catch (UserInputException e)
        {
            stderr.WriteLine($"superfuse: error: {e.Message}");
            return UserErrorExit;
        }
        catch (AggregateException e) when (e.Flatten().InnerExceptions is [UserInputException inner])
        {
            stderr.WriteLine($"superfuse: error: {inner.Message}");
            return UserErrorExit;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A full disk or a permission problem met after the checks: say which file, keep what was saved.
            stderr.WriteLine($"superfuse: error: {e.Message.ReplaceLineEndings(" ")}; expected a readable input and a writable output folder with free space");
            return UserErrorExit;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            stderr.WriteLine($"superfuse: internal error: {Data.DataFiles.Describe(e)}; details in {InternalErrorLog.Write(e, args)}");
            return InternalErrorExit;
        }
    }
}
