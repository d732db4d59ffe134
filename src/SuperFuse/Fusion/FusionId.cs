using System.Text.Json;
using System.Text.Json.Serialization;

namespace SuperFuse.Fusion;

/// <summary>
/// A fusion's validated, canonical name (e.g. <c>concat</c>, <c>product:2</c>): parsed once where a study's options are
/// read, so everything after works with a fusion that exists. In JSON it is its name.
/// </summary>
[JsonConverter(typeof(FusionIdJson))]
public readonly record struct FusionId
{
    private FusionId(string name) => Name = name;

    /// <summary>The registered name, as result tables and cell keys spell it.</summary>
    public string Name { get; }

    /// <summary>The fusion named <paramref name="name"/> (case-insensitive); a <see cref="UserInputException"/> naming the choices otherwise.</summary>
    public static FusionId Parse(string name) => new(FusionRegistry.Get(name).Name);

    /// <summary>The fusion itself.</summary>
    public FusionMethod Method => FusionRegistry.Get(Name);

    /// <inheritdoc/>
    public override string ToString() => Name;

    private sealed class FusionIdJson : JsonConverter<FusionId>
    {
        public override FusionId Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("expected a fusion name");
            try
            {
                return Parse(reader.GetString()!);
            }
            catch (UserInputException e)
            {
                throw new JsonException(e.Message, e);
            }
        }

        public override void Write(Utf8JsonWriter writer, FusionId value, JsonSerializerOptions options) => writer.WriteStringValue(value.Name);
    }
}
