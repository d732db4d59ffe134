using System.Globalization;
using SuperFuse.Benchmarks;

namespace SuperFuse.Cli.Commands;

/// <summary>Peak RSS from /proc/self/status (VmHWM), reset by writing 5 to /proc/self/clear_refs (Linux ≥ 4.0).</summary>
internal sealed class ProcMemory : IMemoryProbe
{
    public bool ResetPeak()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    public double PeakMb()
    {
        try
        {
            string? line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
            if (line is null) return double.NaN;
            string kb = line["VmHWM:".Length..].Trim().Split(' ')[0];
            return double.Parse(kb, CultureInfo.InvariantCulture) / 1024;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return double.NaN;
        }
    }
}
