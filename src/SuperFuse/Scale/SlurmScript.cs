using System.Globalization;
using System.Text;

namespace SuperFuse.Scale;

/// <summary>What a Slurm submission of a study needs.</summary>
/// <param name="Folder">Absolute results folder (holds config.json).</param>
/// <param name="WorkingDirectory">Absolute folder the jobs run in (relative data paths resolve against it).</param>
/// <param name="Superfuse">The command that starts superfuse on the nodes, e.g. <c>["dotnet", "/opt/superfuse/superfuse.dll"]</c>.</param>
/// <param name="ArrayTasks">Array tasks, one shard each.</param>
/// <param name="CpusPerTask">CPUs per task (also libtorch's thread count).</param>
/// <param name="Time">Optional --time limit, e.g. <c>04:00:00</c>.</param>
/// <param name="Partition">Optional partition.</param>
/// <param name="Memory">Optional --mem, e.g. <c>4G</c>.</param>
public sealed record SlurmJob(string Folder, string WorkingDirectory, IReadOnlyList<string> Superfuse, int ArrayTasks,
    int CpusPerTask, string? Time, string? Partition, string? Memory);

/// <summary>Writes the two sbatch scripts of a study: an array job (one shard per task) and the merging report job.</summary>
public static class SlurmScript
{
    /// <summary>Folder under the results folder that holds the scripts and the job logs.</summary>
    public const string SubFolder = "slurm";

    /// <summary>The array job: each task runs its shard (picked from SLURM_ARRAY_TASK_ID) into the shared folder.</summary>
    public static string Array(SlurmJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = Header(job, "superfuse", "%A_%a.out");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --array=0-{job.ArrayTasks - 1}\n");
        text.Append("set -eu\n");
        text.Append(Command(job, "run", "--config", Path.Combine(job.Folder, "config.json"), "--out", job.Folder))
            .Append(" --threads \"${SLURM_CPUS_PER_TASK:-1}\"\n");
        return text.ToString();
    }

    /// <summary>The report job, meant to depend on the array job (afterok): merges all shards into one report.</summary>
    public static string Report(SlurmJob job)
    {
        ArgumentNullException.ThrowIfNull(job);
        var text = Header(job with { CpusPerTask = 1 }, "superfuse-report", "report_%j.out");
        text.Append("set -eu\n");
        text.Append(Command(job, "report", job.Folder)).Append('\n');
        return text.ToString();
    }

    /// <summary>Quotes one word for bash.</summary>
    public static string Quote(string word)
    {
        ArgumentNullException.ThrowIfNull(word);
        return word.Length > 0 && word.All(c => char.IsAsciiLetterOrDigit(c) || "/._-+=:,@".Contains(c))
            ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
    }

    private static StringBuilder Header(SlurmJob job, string name, string log)
    {
        var text = new StringBuilder("#!/bin/bash\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --job-name={name}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --cpus-per-task={job.CpusPerTask}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --output={Path.Combine(job.Folder, SubFolder, log)}\n");
        text.Append(CultureInfo.InvariantCulture, $"#SBATCH --chdir={job.WorkingDirectory}\n");
        if (job.Time is not null) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --time={job.Time}\n");
        if (job.Partition is not null) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --partition={job.Partition}\n");
        if (job.Memory is not null) text.Append(CultureInfo.InvariantCulture, $"#SBATCH --mem={job.Memory}\n");
        return text;
    }

    private static string Command(SlurmJob job, params string[] args) =>
        "exec " + string.Join(' ', job.Superfuse.Concat(args).Select(Quote));
}
