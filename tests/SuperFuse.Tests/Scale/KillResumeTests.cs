using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Scale;

/// <summary>SIGKILL at random moments, restart, repeat: the final results equal an uninterrupted run.</summary>
public sealed class KillResumeTests(SlowStudy study) : IClassFixture<SlowStudy>, IDisposable
{
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string[] Args => ["run", "--config", study.Config, "--out", dir.File("res"), "--threads", "1"];

    private int Finished => Directory.Exists(dir.File("res/cells")) ? Directory.GetFiles(dir.File("res/cells"), "*.json").Length : 0;

    [Fact]
    public void Killed_ten_times_and_resumed_loses_and_duplicates_nothing()
    {
        var random = new Random(20261127);
        int kills = 0, attempts = 0, before = 0, stalled = 0;
        while ((kills < 12 || before == 0) && attempts++ < 80)
        {
            var (process, _, _) = SuperfuseProcess.Start(Args);
            using (process)
            {
                // A random moment; on a loaded machine start-up is slower, so each kill that came before any new
                // cell finished moves the window later.
                bool exited = process.WaitForExit(TimeSpan.FromMilliseconds(random.Next(400, 1600) + 400 * stalled));
                if (!exited)
                {
                    process.Kill();
                    kills++;
                }
                process.WaitForExit();
            }
            Assert.True(Finished >= before, "a finished cell disappeared after a kill");
            stalled = Finished == before ? stalled + 1 : 0;
            before = Finished;
            if (before == ReferenceStudy.CellCount) break;
        }
        Assert.True(kills >= 10, $"only {kills} kills landed while the study was running");
        Assert.True(Finished < ReferenceStudy.CellCount, "the study finished before the test could interrupt it enough");

        // A half-written cell (what a crash in a non-atomic writer would leave) is not taken as a result but redone.
        string victim = Directory.GetFiles(dir.File("res/cells"), "*.json").Order(StringComparer.Ordinal).First();
        string whole = File.ReadAllText(victim);
        File.WriteAllText(victim, whole[..(whole.Length / 3)]);

        var (exit, stdout, stderr) = SuperfuseProcess.Run(Args);
        Assert.True(exit == 0, stderr);
        Assert.Contains("trained", stdout, StringComparison.Ordinal);
        study.AssertSameResults(dir.File("res"));
        using var redone = System.Text.Json.JsonDocument.Parse(File.ReadAllText(victim));
        Assert.Equal(Path.GetFileNameWithoutExtension(victim), redone.RootElement.GetProperty("key").GetString());
    }
}
