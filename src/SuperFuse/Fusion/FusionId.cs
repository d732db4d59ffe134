using System.Text.Json.Serialization;
using SuperFuse.IO;

namespace SuperFuse.Fusion;

/// <summary>
/// A fusion resolved once, by its validated, canonical name (e.g. <c>concat</c>, <c>product:2</c>), where a study's
/// options are read, so everything after works with a fusion that exists and never looks it up again. Equal when the
/// names are equal. In JSON it is its name.
/// </summary>
[JsonConverter(typeof(FusionIdJson))]
public readonly record struct FusionId
{
    private readonly FusionMethod? method;

    private FusionId(FusionMethod method) => (Name, this.method) = (method.Name, method);

    /// <summary>The registered name, as result tables and cell keys spell it.</summary>
    public string Name { get; }

    /// <summary>The fusion named <paramref name="name"/> (case-insensitive); a <see cref="UserInputException"/> naming the choices otherwise.</summary>
    public static FusionId Parse(string name) => new(FusionRegistry.Get(name));

    /// <summary>The fusion itself.</summary>
    public FusionMethod Method => method ?? throw new InvalidOperationException("a default FusionId names no fusion");

    /// <inheritdoc/>
    public bool Equals(FusionId other) => string.Equals(Name, other.Name, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override int GetHashCode() => Name is null ? 0 : StringComparer.Ordinal.GetHashCode(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class FusionIdJson() : NamedValueJson<FusionId>(Parse, id => id.Name);
}
