namespace SuperFuse.Data;

/// <summary>Opens input files with errors a user can act on.</summary>
internal static class DataFiles
{
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
