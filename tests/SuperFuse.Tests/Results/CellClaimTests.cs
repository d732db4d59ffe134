using System.Diagnostics;
using System.Globalization;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Tests.Support;

namespace SuperFuse.Tests.Results;

public sealed class CellClaimTests : IDisposable
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private readonly TempDir dir = new();

    public void Dispose() => dir.Dispose();

    private string Lock => dir.File("cell.lock");

    private void WriteLock(string host, int pid, DateTime? stamp = null)
    {
        File.WriteAllText(Lock, string.Create(CultureInfo.InvariantCulture, $"{host}\n{pid}\nother\n"));
        if (stamp is DateTime t) File.SetLastWriteTimeUtc(Lock, t);
    }

    private static int DeadPid()
    {
        using var p = Process.Start(new ProcessStartInfo("true"))!;
        p.WaitForExit();
        return p.Id;
    }

    [Fact]
    public void A_held_claim_blocks_a_second_one_until_released()
    {
        using (var first = CellClaim.TryTake(Lock, Lease))
        {
            Assert.NotNull(first);
            Assert.Null(CellClaim.TryTake(Lock, Lease));
        }
        Assert.False(File.Exists(Lock));
        using var again = CellClaim.TryTake(Lock, Lease);
        Assert.NotNull(again);
    }

    [Fact]
    public void Of_two_claims_taken_at_the_same_instant_at_most_one_succeeds()
    {
        // A check-then-rename lock let both win about twice in a thousand such races; this would catch it with
        // probability above 0.99.
        int both = 0;
        for (int round = 0; round < 2000; round++)
        {
            string path = dir.File($"race-{round}.lock");
            var claims = new CellClaim?[2];
            using var start = new Barrier(2);
            var threads = Enumerable.Range(0, 2).Select(k => new Thread(() =>
            {
                start.SignalAndWait();
                claims[k] = CellClaim.TryTake(path, Lease);
            })).ToList();
            threads.ForEach(t => t.Start());
            threads.ForEach(t => t.Join());
            if (claims.All(c => c is not null)) both++;
            Assert.Contains(claims, c => c is not null);
            foreach (var c in claims) c?.Dispose();
        }
        Assert.Equal(0, both);
    }

    [Fact]
    public void A_lock_of_a_dead_process_on_this_host_is_taken_over()
    {
        WriteLock(Environment.MachineName, DeadPid());
        using var claim = CellClaim.TryTake(Lock, Lease);
        Assert.NotNull(claim);
        Assert.Contains(Environment.ProcessId.ToString(CultureInfo.InvariantCulture), File.ReadAllText(Lock), StringComparison.Ordinal);
    }

    [Fact]
    public void A_fresh_lock_of_another_host_is_respected()
    {
        WriteLock("some-other-node", 12345);
        Assert.Null(CellClaim.TryTake(Lock, Lease));
    }

    [Fact]
    public void A_lock_whose_heartbeat_is_older_than_the_lease_is_taken_over()
    {
        WriteLock("some-other-node", 12345, DateTime.UtcNow - Lease - TimeSpan.FromSeconds(1));
        using var claim = CellClaim.TryTake(Lock, Lease);
        Assert.NotNull(claim);
    }

    [Fact]
    public void The_heartbeat_keeps_a_held_lock_fresh()
    {
        var lease = TimeSpan.FromMilliseconds(800);
        using var claim = CellClaim.TryTake(Lock, lease);
        Assert.NotNull(claim);
        var old = DateTime.UtcNow - TimeSpan.FromHours(1);
        File.SetLastWriteTimeUtc(Lock, old);
        var clock = Stopwatch.StartNew();
        while (File.GetLastWriteTimeUtc(Lock) < old + TimeSpan.FromMinutes(59) && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            Thread.Sleep(50);
        }
        Assert.True(File.GetLastWriteTimeUtc(Lock) > old + TimeSpan.FromMinutes(59), "no heartbeat within 10 s (beat every 0.1 s)");
    }
}
