using System.Diagnostics;
using System.Text;

namespace SuperFuse.Tests.Support;

/// <summary>Runs the built <c>superfuse</c> tool as a separate process (dotnet + superfuse.dll from the test's output).</summary>
internal static class SuperfuseProcess
{
    public static string Dll => Path.Combine(AppContext.BaseDirectory, "superfuse.dll");

    public static string Dotnet => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The command line that starts superfuse, for scripts.</summary>
    public static string CommandLine => $"{Dotnet} {Dll}";

    /// <summary>Starts superfuse; its output is collected in the returned buffers.</summary>
    public static (Process Process, StringBuilder Out, StringBuilder Err) Start(params string[] args) => Start(args, null);

    /// <summary>Starts superfuse with <paramref name="environment"/> added to (or, with a null value, removed from) this process's.</summary>
    public static (Process Process, StringBuilder Out, StringBuilder Err) Start(string[] args, IReadOnlyDictionary<string, string?>? environment)
    {
        var start = new ProcessStartInfo(Dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) start.Environment.Remove(name);
            else start.Environment[name] = value;
        }
        start.ArgumentList.Add(Dll);
        foreach (var a in args) start.ArgumentList.Add(a);
        var process = Process.Start(start)!;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (stdout) stdout.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (stderr) stderr.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return (process, stdout, stderr);
    }

    /// <summary>Runs superfuse to the end (at most <paramref name="timeoutSeconds"/>).</summary>
    public static (int Exit, string Out, string Err) Run(string[] args, int timeoutSeconds = 300,
        IReadOnlyDictionary<string, string?>? environment = null)
    {
        var (process, stdout, stderr) = Start(args, environment);
        using (process)
        {
            if (!process.WaitForExit(TimeSpan.FromSeconds(timeoutSeconds)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"superfuse {string.Join(' ', args)} ran over {timeoutSeconds} s");
            }
            process.WaitForExit();
            return (process.ExitCode, stdout.ToString(), stderr.ToString());
        }
    }
}
