using System.CommandLine;
using SuperFuse.Reporting;
using SuperFuse.Results;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse report DIR</c>: re-draws tables, figures and report.html from saved results only.</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr)
    {
        var folder = new Argument<string>("dir") { Description = "A results folder written by 'superfuse run'" };
        var command = new Command("report", "Rebuild tables, figures and report.html from a results folder (no training)") { folder };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(folder)!;
            if (!Directory.Exists(dir)) throw new UserInputException($"{dir}: folder not found; expected a results folder");
            var config = StudyFolder.LoadConfig(dir);
            var report = StudyOutputs.Write(dir, config, provenance: null);
            Skipped(stderr, report);
            stdout.WriteLine($"report: {report.Path}");
            return 0;
        });
        return command;
    }

    /// <summary>Names the cells a report left out (one warning line).</summary>
    public static void Skipped(TextWriter stderr, StudyReport report)
    {
        if (report.Skipped.Count == 0) return;
        string keys = string.Join(", ", report.Skipped.Take(5)) + (report.Skipped.Count > 5 ? ", …" : "");
        stderr.WriteLine($"superfuse: warning: left {report.Skipped.Count} cells out of the report that are not part of the folder's config: {keys}");
    }
}
