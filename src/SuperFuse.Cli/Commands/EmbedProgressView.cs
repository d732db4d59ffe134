using SuperFuse.Encoders;

namespace SuperFuse.Cli.Commands;

/// <summary>Embedding progress: a live bar with throughput on a terminal, a line every five seconds otherwise.</summary>
internal static class EmbedProgressView
{
    public static T Run<T>(TextWriter stderr, int total, Func<IProgress<EmbedProgress>, T> work) =>
        LiveBar.Run(stderr, total, new Lines(stderr), p => (p.Done, FormattableString.Invariant($"{p.Done}/{p.Total} items, {p.ItemsPerSecond:0.0}/s")), work);

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
