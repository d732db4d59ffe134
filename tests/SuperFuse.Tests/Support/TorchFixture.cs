using SuperFuse.Runtime;

namespace SuperFuse.Tests.Support;

/// <summary>Starts libtorch once, with the same settings the CLI uses by default.</summary>
internal static class TorchFixture
{
    public static void Start() => TorchRuntime.Initialize(0);
}
