using System.Text.Json;
using System.Text.Json.Serialization;

namespace SuperFuse.IO;

/// <summary>
/// Reads a value written as a name with the same parser (and so the same one-line error) the command line uses, and
/// writes it back as that name.
/// </summary>
internal class NamedValueJson<T>(Func<string, T> parse, Func<T, string> name) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String) throw new JsonException($"expected a name, got {reader.TokenType}");
        try
        {
            return parse(reader.GetString()!);
        }
        catch (UserInputException e)
        {
            throw new JsonException(e.Message, e);
        }
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(name(value));
}
