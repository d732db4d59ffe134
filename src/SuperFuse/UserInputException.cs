namespace SuperFuse;

/// <summary>
/// An error caused by the user's input (a file, a field, an option), not by a bug. The CLI prints its message as one
/// line on stderr and exits with code 2, without a stack trace. Messages name the file, row or field and say what was
/// expected.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the error; line breaks (from a library's message or a file's bytes) become spaces, so it stays one line.</summary>
    public UserInputException(string message) : base(OneLine(message)) { }

    /// <summary>Creates the error with its cause, as one line.</summary>
    public UserInputException(string message, Exception inner) : base(OneLine(message), inner) { }

    /// <summary>Creates the error with no message (prefer the other constructors).</summary>
    public UserInputException() { }

    private static string OneLine(string message) => message?.ReplaceLineEndings(" ") ?? "";
}
