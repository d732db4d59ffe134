namespace SuperFuse.Data;

/// <summary>Opens input files with errors a user can act on.</summary>
public static class DataFiles
{
    /// <summary>
    /// Runs a reader of <paramref name="path"/> and turns whatever its libraries throw on a damaged file (zip, zstd,
    /// snappy, Thrift, JSON, overflow, out of memory on a lying header, …) into one <see cref="UserInputException"/>
    /// naming the file and what is wrong. A damaged file is always the user's to fix, never a crash.
    /// </summary>
    public static T Guard<T>(string path, string format, Func<T> read)
    {
        ArgumentNullException.ThrowIfNull(read);
        try
        {
            return read();
        }
        catch (UserInputException)
        {
            throw;
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1 && e.InnerException is UserInputException inner)
        {
            throw new UserInputException(inner.Message, inner);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw new UserInputException($"{path}: the {format} file is damaged or unreadable ({Describe(e)}); expected a complete, valid {format} file", e);
        }
    }

    /// <summary>The innermost exception's type and first line, e.g. "ZstdException: Data corruption detected".</summary>
    public static string Describe(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        while (e is AggregateException { InnerException: { } inner }) e = inner;
        string message = e.Message.ReplaceLineEndings(" ");
        if (message.Length > 160) message = message[..160] + "…";
        return $"{e.GetType().Name}: {message}";
    }

    /// <summary>Opens <paramref name="path"/> for reading or throws a one-line <see cref="UserInputException"/>.</summary>
    public static FileStream OpenRead(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UserInputException($"{path}: file not found; expected an existing data file", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new UserInputException($"{path}: permission denied; expected a readable file", e);
        }
    }
}
