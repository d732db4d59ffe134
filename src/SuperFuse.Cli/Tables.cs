using System.Globalization;
using Spectre.Console;
using SuperFuse.Cli.Commands;
using SuperFuse.Experiments;

namespace SuperFuse.Cli;

/// <summary>Human-readable tables and summaries for the terminal.</summary>
internal static class Tables
{
    public static IAnsiConsole ConsoleFor(TextWriter writer) =>
        AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });

    public static void WriteFusions(TextWriter writer, IEnumerable<FusionRow> rows, int textDim, int imageDim)
    {
        var table = new Table().Title($"Fusions for d_t = {textDim}, d_i = {imageDim}")
            .AddColumn("fusion").AddColumn("formula").AddColumn(new TableColumn("output dim").RightAligned())
            .AddColumn(new TableColumn("parameters").RightAligned());
        foreach (var r in rows)
        {
            table.AddRow(r.Name, Markup.Escape(r.Formula), Count(r.OutputDim), Count(r.Parameters));
        }
        ConsoleFor(writer).Write(table);
    }

    public static void WriteCell(TextWriter writer, CellResult r, string checkpoint)
    {
        var console = ConsoleFor(writer);
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("cell", Markup.Escape(r.Spec.Key));
        grid.AddRow("parameters", Count(r.Parameters));
        grid.AddRow("best epoch", $"{r.Training.BestEpoch} of {r.Training.EpochsRun} ({Kebab(r.Training.StopReason)})");
        grid.AddRow("validation accuracy", Pct(r.Training.ValidationAccuracy));
        grid.AddRow("test accuracy", Pct(r.TestAccuracy));
        grid.AddRow("test AUC", r.TestRoc.Auc.ToString("0.0000", CultureInfo.InvariantCulture));
        grid.AddRow("time", $"{r.Seconds.ToString("0.0", CultureInfo.InvariantCulture)} s");
        grid.AddRow("checkpoint", Markup.Escape(checkpoint));
        console.Write(grid);
    }

    private static string Count(long? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? "n/a (needs equal dims)";

    private static string Pct(double x) => (100 * x).ToString("0.00", CultureInfo.InvariantCulture) + " %";

    private static string Kebab<T>(T value) where T : struct, Enum =>
        System.Text.Json.JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());
}
