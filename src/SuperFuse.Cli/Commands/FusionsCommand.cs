using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SuperFuse.Fusion;
using SuperFuse.Model;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse fusions</c>: the registered fusions with output dims and parameter counts (paper Table 1).</summary>
internal static class FusionsCommand
{
    public static Command Build(TextWriter stdout)
    {
        var dims = new Option<string>("--dims") { Description = "Text and image dims, e.g. 768,768", DefaultValueFactory = _ => "768,768" };
        var classes = new Option<int>("--classes") { Description = "Number of classes", DefaultValueFactory = _ => 2 };
        var head = new Option<string>("--head") { Description = "Classifier head: standard or reference", DefaultValueFactory = _ => "standard" };
        var json = new Option<bool>("--json") { Description = "Print a JSON array" };
        var command = new Command("fusions", "List the fusions with their output dim and the model's parameter count") { dims, classes, head, json };
        command.SetAction(parse =>
        {
            var (t, i) = ParseDims(parse.GetValue(dims)!);
            var options = new ModelOptions(Head: ModelOptions.ParseHead(parse.GetValue(head)!));
            var rows = FusionRegistry.Fusions.Select(f => Row(f, t, i, parse.GetValue(classes), options)).ToList();
            if (parse.GetValue(json)) stdout.WriteLine(JsonSerializer.Serialize(rows, CliJson.Options));
            else Tables.WriteFusions(stdout, rows, t, i);
            return 0;
        });
        return command;
    }

    internal static (int Text, int Image) ParseDims(string text)
    {
        var parts = text.Split(',');
        if (parts.Length == 2 && int.TryParse(parts[0], CultureInfo.InvariantCulture, out int t)
            && int.TryParse(parts[1], CultureInfo.InvariantCulture, out int i) && t > 0 && i > 0)
        {
            return (t, i);
        }
        throw new UserInputException($"--dims '{text}' is not valid; expected two positive integers such as 768,768");
    }

    private static FusionRow Row(FusionMethod f, int t, int i, int classes, ModelOptions options)
    {
        try
        {
            return new FusionRow(f.Name, f.Formula, f.OutputDim(t, i), ModelFactory.ParameterCount(f, t, i, classes, options));
        }
        catch (UserInputException)
        {
            return new FusionRow(f.Name, f.Formula, null, null);
        }
    }
}

/// <summary>One row of <c>superfuse fusions</c>; null dims mean the fusion does not apply to these input dims.</summary>
internal sealed record FusionRow(string Name, string Formula, long? OutputDim, long? Parameters);
