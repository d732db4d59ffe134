namespace SuperFuse.Encoders;

/// <summary>A row left out by <c>--skip-bad</c>, and why.</summary>
public sealed record SkippedRow(int Row, string Id, string FileName, string Reason);

/// <summary>Progress of an embedding job.</summary>
/// <param name="Done">Items embedded or skipped so far (this run).</param>
/// <param name="Total">Items to embed in this run.</param>
/// <param name="ItemsPerSecond">Throughput so far.</param>
public sealed record EmbedProgress(int Done, int Total, double ItemsPerSecond);
