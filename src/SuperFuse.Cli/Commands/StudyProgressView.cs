using SuperFuse.Experiments;

namespace SuperFuse.Cli.Commands;

/// <summary>Shows study progress: a live bar with ETA on a terminal, plain periodic lines otherwise (CI logs).</summary>
internal static class StudyProgressView
{
    public static T Run<T>(TextWriter stderr, int total, Func<IProgress<StudyProgress>, T> work) =>
        LiveBar.Run(stderr, total, new PlainLines(stderr), p => (p.Done, $"{p.Done}/{p.Total} {p.Current}"), work);

    /// <summary>One line per finished cell, at most one per five seconds, plus the last.</summary>
    private sealed class PlainLines(TextWriter stderr) : IProgress<StudyProgress>
    {
        private readonly System.Diagnostics.Stopwatch clock = System.Diagnostics.Stopwatch.StartNew();
        private double lastPrinted = double.NegativeInfinity;

        public void Report(StudyProgress value)
        {
            if (!value.Finished) return;
            double now = clock.Elapsed.TotalSeconds;
            if (value.Done < value.Total && now - lastPrinted < 5) return;
            lastPrinted = now;
            double eta = value.Trained > 0 ? now / value.Trained * (value.Total - value.Done) : 0;
            stderr.WriteLine(FormattableString.Invariant($"[{value.Done}/{value.Total}] {value.Current}  elapsed {now:0}s  eta {eta:0}s"));
        }
    }
}
