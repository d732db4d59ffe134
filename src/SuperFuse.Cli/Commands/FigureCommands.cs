using System.CommandLine;
using SuperFuse.Experiments;
using SuperFuse.Reporting;
using SuperFuse.Reporting.Figures;
using SuperFuse.Results;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse dial DIR</c> and <c>superfuse frontier DIR…</c>: figures across fusions and studies, from saved cells only.</summary>
internal static class FigureCommands
{
    public static Command Dial(TextWriter stdout)
    {
        var folder = new Argument<string>("dir") { Description = "A results folder whose fusions include product:k and/or lmf:r" };
        var command = new Command("dial", "Complexity-dial figure: accuracy and robustness against fused width and FLOPs") { folder };
        command.SetAction(parse =>
        {
            string dir = parse.GetValue(folder)!;
            var panels = DialFigure.Panels(Points(dir));
            string figures = Path.Combine(dir, "figures");
            PanelGrid.Save(panels, 2, figures, "dial");
            stdout.WriteLine($"figure: {Path.Combine(figures, "dial.png")} (and .svg)");
            return 0;
        });
        return command;
    }

    public static Command Frontier(TextWriter stdout)
    {
        var folders = new Argument<string[]>("dirs") { Description = "Results folders to compare (e.g. clean and robust training)", Arity = ArgumentArity.OneOrMore };
        var names = new Option<string?>("--names") { Description = "Comma-separated labels of the folders (default: folder names)" };
        var output = new Option<string>("--out") { Description = "Folder for frontier.png and frontier.svg", DefaultValueFactory = _ => "." };
        var command = new Command("frontier", "Accuracy–robustness frontier of one or more studies") { folders, names, output };
        command.SetAction(parse =>
        {
            var dirs = parse.GetValue(folders)!;
            var labels = parse.GetValue(names) is string n ? ListParsing.Names(n) : dirs.Select(d => Path.GetFileName(Path.TrimEndingDirectorySeparator(d))).ToList();
            if (labels.Count != dirs.Length) throw new UserInputException($"--names has {labels.Count} labels for {dirs.Length} folders; expected one per folder");
            var studies = dirs.Select((d, k) => (labels[k], Points(d))).ToList();
            string target = parse.GetValue(output)!;
            PanelGrid.Save(FrontierFigure.Panels(studies), 2, target, "frontier");
            stdout.WriteLine($"figure: {Path.Combine(target, "frontier.png")} (and .svg)");
            return 0;
        });
        return command;
    }

    private static IReadOnlyList<FusionPoint> Points(string dir)
    {
        var config = StudyFolder.LoadConfig(dir);
        var cells = new CellStore(dir).LoadAll();
        if (cells.Count == 0) throw new UserInputException($"{dir}: holds no finished cells; expected results of 'superfuse run'");
        var (data, _) = StudyData.Load(config);
        return FusionPoints.Of(cells, data.Data.TextDim, data.Data.ImageDim, config.ModelOptions().Hidden);
    }
}
