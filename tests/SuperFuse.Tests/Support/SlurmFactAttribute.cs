namespace SuperFuse.Tests.Support;

/// <summary>
/// A test that needs a running Slurm cluster: it runs when SUPERFUSE_SLURM_TEST=1 (set by .ci/run after
/// .ci/slurm-up started one) and is reported as skipped, with the reason, otherwise.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SlurmFactAttribute : FactAttribute
{
    public SlurmFactAttribute()
    {
        if (Environment.GetEnvironmentVariable("SUPERFUSE_SLURM_TEST") != "1")
        {
            Skip = "needs a Slurm cluster: run .ci/slurm-up, export SLURM_CONF and SUPERFUSE_SLURM_TEST=1 (as .ci/run does)";
        }
    }
}
