using System.Runtime.InteropServices;

namespace SuperFuse.Runtime;

/// <summary>
/// The native environment of libtorch's OpenMP runtime (libgomp), which it reads once as it loads, so
/// <see cref="Apply"/> must run before anything touches libtorch. <c>GOMP_SPINCOUNT</c> becomes
/// <see cref="SpinCount"/> unless the user set it or <c>OMP_WAIT_POLICY</c>: libgomp's workers busy-wait 300,000
/// spins after each parallel libtorch call by default, milliseconds on CPUs with a slow <c>pause</c>, and SuperFuse's
/// own parallel loops (AdamW, row copies, kernels), which run right after libtorch calls, shared the cores with them.
/// It changes timing only, never results (tested through libgomp's own report of its settings).
/// </summary>
internal static partial class NativeSettings
{
    /// <summary>Spins before an idle libgomp worker sleeps.</summary>
    public const string SpinCount = "1000";

    /// <summary>Sets the spin count in the native environment where the user left it alone; call before libtorch loads.</summary>
    public static void Apply()
    {
        if (!OperatingSystem.IsLinux()) return;
        if (Unset("GOMP_SPINCOUNT") && Unset("OMP_WAIT_POLICY")) _ = SetEnv("GOMP_SPINCOUNT", SpinCount, 0);
    }

    private static bool Unset(string name) => Environment.GetEnvironmentVariable(name) is null;

    // .NET's Environment.SetEnvironmentVariable changes only the managed copy; native code reads libc's environ.
    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
