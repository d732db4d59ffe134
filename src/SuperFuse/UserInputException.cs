namespace SuperFuse;

/// <summary>
/// An error caused by the user's input (a file, a field, an option), not by a bug. The CLI prints its message as one
/// line on stderr and exits with code 2, without a stack trace. Messages name the file, row or field and say what was
/// expected.
/// </summary>
public sealed class UserInputException : Exception
{
    /// <summary>Creates the error with a one-line message.</summary>
    public UserInputException(string message) : base(message) { }

    /// <summary>Creates the error with a one-line message and its cause.</summary>
    public UserInputException(string message, Exception inner) : base(message, inner) { }

    /// <summary>Creates the error with no message (prefer the other constructors).</summary>
    public UserInputException() { }
}
