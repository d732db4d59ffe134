using NetArchTest.Rules;
using SuperFuse.Data;

namespace SuperFuse.Tests;

/// <summary>
/// The library's folders form layers (docs/architecture.md): each may use the folders below it and never one above,
/// so no two folders depend on each other. Checked on the built assembly's IL (every type a folder's code names).
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Bottom to top.</summary>
    internal static readonly string[] Layers =
    [
        "Runtime", "IO", "Metrics", "Data", "Encoders", "Fusion", "Model", "Training", "Robustness",
        "FastTraining", "Experiments", "Results", "Reporting", "Scale", "Benchmarks",
    ];

    private static string Namespace(string folder) => "SuperFuse." + folder;

    [Fact]
    public void Every_folder_of_the_library_is_a_layer()
    {
        var namespaces = typeof(DatasetLoader).Assembly.GetTypes().Select(t => t.Namespace ?? "")
            .Where(n => n.StartsWith("SuperFuse.", StringComparison.Ordinal)).Select(n => n.Split('.')[1]).ToHashSet();
        Assert.Empty(namespaces.Except(Layers));
    }

    [Fact]
    public void No_folder_uses_a_folder_above_it()
    {
        var violations = new List<string>();
        for (int i = 0; i < Layers.Length; i++)
        {
            var above = Layers[(i + 1)..].Select(Namespace).ToArray();
            if (above.Length == 0) continue;
            var result = Types.InAssembly(typeof(DatasetLoader).Assembly).That().ResideInNamespace(Namespace(Layers[i]))
                .ShouldNot().HaveDependencyOnAny(above).GetResult();
            if (!result.IsSuccessful) violations.AddRange(result.FailingTypeNames.Select(t => $"{t} uses a folder above {Layers[i]}"));
        }
        Assert.True(violations.Count == 0, string.Join("\n", violations));
    }

    [Fact]
    public void The_rule_catches_a_dependency_that_points_up()
    {
        // The check itself must be able to fail: the CLI (above every folder) uses the library, and Experiments uses Data.
        var cli = Types.InAssembly(typeof(SuperFuse.Cli.SuperFuseCli).Assembly).That().ResideInNamespace("SuperFuse.Cli")
            .ShouldNot().HaveDependencyOn(Namespace("Experiments")).GetResult();
        Assert.False(cli.IsSuccessful);
        var data = Types.InAssembly(typeof(DatasetLoader).Assembly).That().ResideInNamespace(Namespace("Experiments"))
            .ShouldNot().HaveDependencyOn(Namespace("Data")).GetResult();
        Assert.False(data.IsSuccessful);
    }
}
