namespace SuperFuse.Experiments;

/// <summary>
/// The version of the saved results (cells and config). It changes whenever a rerun of the same config would give
/// other numbers or the saved records gain what the report needs: version 2 derives every random stream through
/// <see cref="Data.SeedStreams"/>, keeps the means in alignment, and saves majority rates, class shares and noise draws.
/// </summary>
public static class ResultsFormat
{
    /// <summary>The version this build writes and reads.</summary>
    public const int Version = 2;

    /// <summary>Throws a one-line <see cref="UserInputException"/> for a record of another version.</summary>
    public static void Check(int version, string path)
    {
        if (version == Version) return;
        throw new UserInputException(
            $"{path}: results format {(version == 0 ? "1" : version.ToString(System.Globalization.CultureInfo.InvariantCulture))}; this superfuse reads format {Version} only; expected results written by this version (rerun the study into a new folder)");
    }
}
