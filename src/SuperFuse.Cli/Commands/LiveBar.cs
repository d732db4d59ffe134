using Spectre.Console;

namespace SuperFuse.Cli.Commands;

/// <summary>
/// Runs work with progress: a live Spectre bar with ETA when stderr is the terminal, else the given plain reporter
/// (periodic lines, for CI logs).
/// </summary>
internal static class LiveBar
{
    public static T Run<TProgress, T>(TextWriter stderr, int total, IProgress<TProgress> plain,
        Func<TProgress, (double Value, string Description)> show, Func<IProgress<TProgress>, T> work)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error)) return work(plain);
        T result = default!;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("starting", maxValue: Math.Max(total, 1));
                result = work(new Reporter<TProgress>(p =>
                {
                    var (value, description) = show(p);
                    task.Value = value;
                    task.Description = Markup.Escape(description);
                }));
            });
        return result;
    }

    private sealed class Reporter<TProgress>(Action<TProgress> report) : IProgress<TProgress>
    {
        public void Report(TProgress value) => report(value);
    }
}
