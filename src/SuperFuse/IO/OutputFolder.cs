namespace SuperFuse.IO;

/// <summary>Creates output folders, with a clear error when that is not allowed.</summary>
public static class OutputFolder
{
    /// <summary>Creates <paramref name="folder"/> if needed and checks that it is writable.</summary>
    public static void Ensure(string folder)
    {
        try
        {
            Directory.CreateDirectory(folder);
            string probe = Path.Combine(folder, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            throw new UserInputException($"{folder}: cannot write to the output folder ({e.Message}); expected a writable folder", e);
        }
    }
}
