using System.Runtime.InteropServices;

namespace SuperFuse.Runtime;

/// <summary>
/// Hands back to the system what a finished work unit freed but the process still holds: the managed heap's garbage
/// (a large data set's embeddings sit on the large-object heap, and the runtime lets garbage grow in proportion to it
/// before it collects) and the free pages inside glibc's heap, which keeps libtorch's freed buffers below its mmap
/// threshold mapped. Without it a study's resident memory crept up by 0.8 GB over 16 units on the full-size pool.
/// Changes memory only, never results.
/// </summary>
internal static partial class FreedMemory
{
    /// <summary>Collects the managed heap and trims glibc's heap; takes milliseconds to a few hundred on a large heap.</summary>
    public static void Release()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        if (!OperatingSystem.IsLinux()) return;
        try
        {
            _ = MallocTrim(0);
        }
        catch (EntryPointNotFoundException)
        {
            // A C library without glibc's malloc_trim (musl): nothing to trim with.
        }
    }

    // glibc's malloc_trim(0): returns free memory at the heap's top and, since glibc 2.8, free pages inside it.
    [LibraryImport("libc", EntryPoint = "malloc_trim")]
    private static partial int MallocTrim(nuint pad);
}
