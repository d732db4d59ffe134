using System.CommandLine;
using SuperFuse.Reporting;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse report DIR</c>: re-draws tables, figures and report.html from saved results only.</summary>
internal static class ReportCommand
{
    public static Command Build(TextWriter stdout)
    {
        var folder = new Argument<string>("dir") { Description = "A results folder written by 'superfuse run'" };
        var command = new Command("report", "Rebuild tables, figures and report.html from a results folder (no training)") { folder };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(folder)!;
            if (!Directory.Exists(dir)) throw new UserInputException($"{dir}: folder not found; expected a results folder");
            var config = StudyFolder.LoadConfig(dir);
            stdout.WriteLine($"report: {StudyOutputs.Write(dir, config, provenance: null)}");
            return 0;
        });
        return command;
    }
}
