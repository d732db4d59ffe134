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
        "Experiments", "Results", "Reporting", "Scale", "Benchmarks",
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

    /// <summary>
    /// The report is built from saved results only: Reporting names no trainer and no model type (the layers alone
    /// would allow it, both lie below).
    /// </summary>
    [Fact]
    public void Reporting_uses_neither_a_trainer_nor_a_live_model()
    {
        var result = Types.InAssembly(typeof(DatasetLoader).Assembly).That().ResideInNamespace(Namespace("Reporting"))
            .ShouldNot().HaveDependencyOnAny(Namespace("Training"), Namespace("Model")).GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypeNames ?? []));
    }

    /// <summary>
    /// Inside Training the two trainers stand side by side: the plain autograd trainer (Training.Plain) and the stacked
    /// trainers (Training.Stacked) use the shared options, stop rule and policy of Training but never each other, and
    /// the SIMD kernels (Training.Stacked.Kernels) use no other type of the stacked trainers.
    /// </summary>
    [Fact]
    public void The_two_trainers_stand_apart_and_the_kernels_below_them()
    {
        var types = typeof(DatasetLoader).Assembly.GetTypes();
        string[] In(string ns) => types.Where(t => t.Namespace == ns && !t.Name.StartsWith('<')).Select(t => t.FullName!).ToArray();
        var rules = new (string From, string[] To)[]
        {
            ("SuperFuse.Training.Plain", In("SuperFuse.Training.Stacked").Concat(In("SuperFuse.Training.Stacked.Kernels")).ToArray()),
            ("SuperFuse.Training.Stacked", In("SuperFuse.Training.Plain")),
            ("SuperFuse.Training.Stacked.Kernels", In("SuperFuse.Training.Stacked")),
        };
        var violations = new List<string>();
        foreach (var (from, to) in rules)
        {
            Assert.NotEmpty(to);
            var result = Types.InAssembly(typeof(DatasetLoader).Assembly).That().ResideInNamespace(from)
                .And().DoNotResideInNamespace(from == "SuperFuse.Training.Stacked" ? "SuperFuse.Training.Stacked.Kernels" : "SuperFuse.None")
                .ShouldNot().HaveDependencyOnAny(to).GetResult();
            if (!result.IsSuccessful) violations.AddRange(result.FailingTypeNames.Select(t => $"{t} uses a type it must not"));
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
