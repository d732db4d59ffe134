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
        new SumFusion(),
        new MlbFusion(),
        new GatedFusion(),
        new LmfFusion(LmfFusion.DefaultRank),
    ];

    /// <summary>The registered fusions in display order.</summary>
    public static IReadOnlyList<FusionMethod> Fusions => All;

    /// <summary>The paper's three fusions, the default of a study.</summary>
    public static IReadOnlyList<string> PaperFusions { get; } = ["concat", "product", "tensor"];

    /// <summary>
    /// Looks a fusion up by name (case-insensitive), including the dials <c>product:k</c> and <c>lmf:r</c>, or throws
    /// a <see cref="UserInputException"/>.
    /// </summary>
    public static FusionMethod Get(string name)
    {
        string key = name?.Trim() ?? "";
        int colon = key.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0)
        {
            string family = key[..colon].ToLowerInvariant();
            bool number = int.TryParse(key[(colon + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int k);
            if (family == "product" && number) return new ShiftedProductFusion(k);
            if (family == "lmf" && number) return new LmfFusion(k);
        }
        return All.FirstOrDefault(f => string.Equals(f.Name, key, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserInputException(
                $"unknown fusion '{name}'; expected one of {string.Join(", ", All.Select(f => f.Name))}, product:k or lmf:r");
    }
}
