using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Runtime;

/// <summary>
/// libgomp reads its spin count once, as libtorch loads; these run superfuse as a process with libgomp's
/// <c>OMP_DISPLAY_ENV=verbose</c>, which prints the settings it read, to see that the CLI sets it before that happens
/// and leaves a user's own setting alone.
/// </summary>
public sealed class NativeSettingsTests
{
    private static readonly string[] Train =
        ["train", "--builtin-count", "200", "--builtin-dims", "8", "--fusion", "concat", "--size", "32", "--epochs", "1", "--threads", "1"];

    [Theory]
    [InlineData(null, null, "1000")]
    [InlineData("5000", null, "5000")]
    [InlineData(null, "passive", "0")]
    public void The_cli_shortens_libgomps_spin_unless_the_user_set_it(string? spinCount, string? waitPolicy, string expected)
    {
        var environment = new Dictionary<string, string?>
        {
            ["OMP_DISPLAY_ENV"] = "verbose",
            ["GOMP_SPINCOUNT"] = spinCount,
            ["OMP_WAIT_POLICY"] = waitPolicy,
        };
        var (exit, _, stderr) = SuperfuseProcess.Run(Train, environment: environment);
        Assert.True(exit == 0, stderr);
        Assert.Contains($"GOMP_SPINCOUNT = '{expected}'", stderr, StringComparison.Ordinal);
    }
}
