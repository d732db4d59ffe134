using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace SuperFuse.Results;

/// <summary>
/// A claim on one cell, held as <c>cells/&lt;key&gt;.lock</c> while the cell trains, so that two processes started on
/// the same shard never train the same cell at once. The lock names its owner (host, pid, a random tag) and is created
/// atomically with its content; a heartbeat refreshes its time stamp. A lock whose owner died on this host, or whose
/// heartbeat is older than the lease (a crash on another host), is stale and is taken over, so a crash never leaves a
/// cell stuck.
/// </summary>
public sealed class CellClaim : IDisposable
{
    private readonly string path;
    private readonly string owner;
    private readonly Timer heartbeat;

    private CellClaim(string path, string owner, TimeSpan lease)
    {
        this.path = path;
        this.owner = owner;
        var beat = lease / 8;
        heartbeat = new Timer(_ => Touch(), null, beat, beat);
    }

    /// <summary>Takes the lock at <paramref name="path"/>, or returns null if a live process holds it.</summary>
    public static CellClaim? TryTake(string path, TimeSpan lease)
    {
        string owner = string.Create(CultureInfo.InvariantCulture,
            $"{Environment.MachineName}\n{Environment.ProcessId}\n{Guid.NewGuid():N}\n");
        for (int attempt = 0; attempt < 3; attempt++)
        {
            if (TryCreate(path, owner)) return new CellClaim(path, owner, lease);
            if (!IsStale(path, lease)) return null;
            MoveAside(path);
        }
        return null;
    }

    /// <summary>Stops the heartbeat and removes the lock if it is still this claim's.</summary>
    public void Dispose()
    {
        heartbeat.Dispose();
        if (ReadOrNull(path) == owner) File.Delete(path);
    }

    private void Touch()
    {
        try
        {
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow);
        }
        catch (IOException)
        {
            // The lock was taken over or removed; the atomic save of the cell keeps results sound either way.
        }
    }

    // The lock appears with its content in one step: the owner is written to a temp file, which link(2) then makes the
    // lock, failing with EEXIST if one is there, atomically. (File.Move without overwrite is a check and then a
    // rename, and let two processes both win about twice in a thousand races on ext4; creating the lock with O_EXCL
    // and writing the owner after it would leave an empty lock behind a process killed in between.)
    private static bool TryCreate(string path, string owner)
    {
        string temp = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        File.WriteAllText(temp, owner);
        try
        {
            if (NativeLink.Link(temp, path) == 0) return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno == Eexist) return false;
            throw new IOException($"{path}: cannot create the cell lock (errno {errno})");
        }
        finally
        {
            File.Delete(temp);
        }
    }

    private const int Eexist = 17;

    private static bool IsStale(string path, TimeSpan lease)
    {
        string? text = ReadOrNull(path);
        if (text is null) return true;
        if (DateTime.UtcNow - File.GetLastWriteTimeUtc(path) > lease) return true;
        var lines = text.Split('\n');
        return lines.Length >= 2 && lines[0] == Environment.MachineName
            && int.TryParse(lines[1], CultureInfo.InvariantCulture, out int pid) && !IsAlive(pid);
    }

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>Renames a stale lock away (only one contender's rename can succeed) and deletes it.</summary>
    private static void MoveAside(string path)
    {
        string aside = $"{path}.{Environment.ProcessId}.{Guid.NewGuid():N}.stale";
        try
        {
            File.Move(path, aside, overwrite: false);
            File.Delete(aside);
        }
        catch (IOException)
        {
            // Another process moved it first; the next attempt sees its fresh lock or none.
        }
    }

    private static string? ReadOrNull(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (IOException)
        {
            return null;
        }
    }
}

/// <summary>link(2) from the C library: a new name for a file, failing if the name exists.</summary>
internal static partial class NativeLink
{
    [LibraryImport("libc", EntryPoint = "link", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    internal static partial int Link(string existing, string created);
}
