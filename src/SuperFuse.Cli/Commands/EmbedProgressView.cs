using Spectre.Console;
using SuperFuse.Embedding;

namespace SuperFuse.Cli.Commands;

/// <summary>Embedding progress: a live bar with throughput on a terminal, a line every five seconds otherwise.</summary>
internal static class EmbedProgressView
{
    public static T Run<T>(TextWriter stderr, int total, Func<IProgress<EmbedProgress>, T> work)
    {
        if (Console.IsErrorRedirected || !ReferenceEquals(stderr, Console.Error)) return work(new Lines(stderr));
        T result = default!;
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(ctx =>
            {
                var task = ctx.AddTask("embedding", maxValue: Math.Max(total, 1));
                result = work(new Bar(p =>
                {
                    task.Value = p.Done;
                    task.Description = FormattableString.Invariant($"{p.Done}/{p.Total} items, {p.ItemsPerSecond:0.0}/s");
                }));
            });
        return result;
    }

    private sealed class Bar(Action<EmbedProgress> report) : IProgress<EmbedProgress>
    {
        public void Report(EmbedProgress value) => report(value);
    }

    private sealed class Lines(TextWriter stderr) : IProgress<EmbedProgress>
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private double last = double.NegativeInfinity;

        public void Report(EmbedProgress value)
        {
            double now = clock.Elapsed.TotalSeconds;
            if (value.Done < value.Total && now - last < 5) return;
            last = now;
            stderr.WriteLine(FormattableString.Invariant($"[{value.Done}/{value.Total}] {value.ItemsPerSecond:0.0} items/s"));
        }
    }
}
