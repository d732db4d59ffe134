namespace SuperFuse.Tests.Support;

/// <summary>A test that must mount a file system (root only, as CI runs); reported as skipped otherwise.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RootFactAttribute : FactAttribute
{
    public RootFactAttribute()
    {
        if (!Environment.IsPrivilegedProcess) Skip = "needs root to mount a small tmpfs (CI runs as root)";
    }
}
