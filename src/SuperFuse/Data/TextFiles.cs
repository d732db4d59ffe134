using System.Globalization;
using System.Text;

namespace SuperFuse.Data;

/// <summary>Reads text files as strict UTF-8: invalid bytes are a user error naming the file and the byte offset.</summary>
public static class TextFiles
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The whole file as text (a UTF-8 byte-order mark is dropped).</summary>
    public static string ReadUtf8(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int start = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? 3 : 0;
        try
        {
            return Strict.GetString(bytes, start, bytes.Length - start);
        }
        catch (DecoderFallbackException e)
        {
            throw new UserInputException(string.Create(CultureInfo.InvariantCulture,
                $"{path}: byte {start + Math.Max(e.Index, 0)} is not valid UTF-8; expected UTF-8 text"), e);
        }
    }
}
