namespace SuperFuse.Fusion;

/// <summary>All fusions by name. Adding a fusion is one new file plus one line here.</summary>
public static class FusionRegistry
{
    private static readonly FusionMethod[] All =
    [
        new ConcatFusion(),
        new ProductFusion(),
        new TensorFusion(),
        new TfnFusion(),
    ];

    /// <summary>The registered fusions in display order.</summary>
    public static IReadOnlyList<FusionMethod> Fusions => All;

    /// <summary>The paper's three fusions, the default of a study.</summary>
    public static IReadOnlyList<string> PaperFusions { get; } = ["concat", "product", "tensor"];

    /// <summary>Looks a fusion up by name (case-insensitive) or throws a <see cref="UserInputException"/>.</summary>
    public static FusionMethod Get(string name) =>
        All.FirstOrDefault(f => string.Equals(f.Name, name?.Trim(), StringComparison.OrdinalIgnoreCase))
        ?? throw new UserInputException(
            $"unknown fusion '{name}'; expected one of {string.Join(", ", All.Select(f => f.Name))}");
}
