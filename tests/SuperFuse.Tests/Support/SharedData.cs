namespace SuperFuse.Tests.Support;

/// <summary>The read-only real data beside the repository (<c>../shared/data/mvsa-single</c>), when it exists.</summary>
internal static class SharedData
{
    public static string? MvsaSingle
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (!File.Exists(Path.Combine(dir.FullName, "SuperFuse.sln"))) continue;
                string mvsa = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data", "mvsa-single"));
                return Directory.Exists(mvsa) ? mvsa : null;
            }
            return null;
        }
    }
}

/// <summary>A test that reads ../shared/data/mvsa-single: it runs whenever the data is there (.ci/run fails without it).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class MvsaFactAttribute : FactAttribute
{
    public MvsaFactAttribute()
    {
        if (SharedData.MvsaSingle is null) Skip = "../shared/data/mvsa-single is not beside the repository";
    }
}
