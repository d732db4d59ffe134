using System.CommandLine;
using System.Diagnostics;
using SuperFuse.Data;
using SuperFuse.Experiments;
using SuperFuse.IO;
using SuperFuse.Reporting;
using SuperFuse.Results;
using SuperFuse.Scale;

namespace SuperFuse.Cli.Commands;

/// <summary><c>superfuse slurm DIR</c>: writes (and with --submit, submits) an sbatch array job for a study plus its report job.</summary>
internal static class SlurmCommand
{
    private sealed class Options
    {
        public Argument<string> Folder { get; } = new("dir") { Description = "Results folder shared by all array tasks" };
        public Option<int?> Array { get; } = new("--array") { Description = "Array tasks, one shard each (default: one per cell, at most 50)" };
        public Option<int> Cpus { get; } = new("--cpus-per-task") { Description = "CPUs (and libtorch threads) per task", DefaultValueFactory = _ => 2 };
        public Option<string?> Time { get; } = new("--time") { Description = "Slurm time limit per task, e.g. 04:00:00" };
        public Option<string?> Partition { get; } = new("--partition") { Description = "Slurm partition" };
        public Option<string?> Memory { get; } = new("--mem") { Description = "Slurm memory per task, e.g. 4G" };
        public Option<string?> Superfuse { get; } = new("--superfuse") { Description = "Command that starts superfuse on the nodes (default: this one)" };
        public Option<bool> Submit { get; } = new("--submit") { Description = "Submit with sbatch (array job, then the report job after it succeeds)" };
    }

    public static Command Build(TextWriter stdout)
    {
        var study = new RunOptionSet();
        var o = new Options();
        var command = new Command("slurm", "Write an sbatch array job for a study (one shard per task) and a report job; --submit submits both") { o.Folder };
        study.AddTo(command, withOutAndShard: false);
        foreach (var option in new Option[] { o.Array, o.Cpus, o.Time, o.Partition, o.Memory, o.Superfuse, o.Submit }) command.Options.Add(option);
        command.SetAction(parse => Execute(parse, study, o, stdout));
        return command;
    }

    private static int Execute(ParseResult parse, RunOptionSet study, Options o, TextWriter stdout)
    {
        var config = study.Resolve(parse);
        string folder = Path.GetFullPath(parse.GetValue(o.Folder)!);
        (var data, config) = StudyData.Load(config);
        int cells = StudyGrid.Cells(config, data).Count;
        int tasks = parse.GetValue(o.Array) ?? Math.Min(cells, 50);
        if (tasks < 1) throw new UserInputException($"--array is {tasks}; expected at least 1 task");
        int cpus = parse.GetValue(o.Cpus);
        if (cpus < 1) throw new UserInputException($"--cpus-per-task is {cpus}; expected at least 1");
        var job = new SlurmJob(folder, Directory.GetCurrentDirectory(), SuperfuseCommand(parse.GetValue(o.Superfuse)),
            tasks, cpus, parse.GetValue(o.Time), parse.GetValue(o.Partition), parse.GetValue(o.Memory));
        RequireNoWhitespace(job.Folder, "the results folder");
        RequireNoWhitespace(job.WorkingDirectory, "the working directory");
        // The array tasks run without --force: with it, the results already there are moved aside, so the tasks redo every cell.
        if (StudyFolder.Claim(folder, config, parse.GetValue(study.Force), replaceSame: true) is string moved)
        {
            stdout.WriteLine($"moved the previous results to {moved}");
        }
        string scripts = Path.Combine(folder, SlurmScript.SubFolder);
        OutputFolder.Ensure(scripts);
        string array = Path.Combine(scripts, "study.sbatch"), report = Path.Combine(scripts, "report.sbatch");
        AtomicFile.WriteAllText(array, SlurmScript.Array(job));
        AtomicFile.WriteAllText(report, SlurmScript.Report(job));
        stdout.WriteLine($"{cells} cells in {tasks} array tasks: {array}");
        stdout.WriteLine($"report job: {report}");
        if (!parse.GetValue(o.Submit))
        {
            stdout.WriteLine($"submit with: jid=$(sbatch --parsable {array}) && sbatch --dependency=afterok:$jid {report}");
            return 0;
        }
        string arrayJob = Sbatch(array);
        string reportJob = Sbatch($"--dependency=afterok:{arrayJob}", report);
        stdout.WriteLine($"submitted array job {arrayJob} and report job {reportJob}");
        return 0;
    }

    /// <summary>The given command split on spaces, or how this process was started (apphost, or dotnet + dll).</summary>
    private static string[] SuperfuseCommand(string? given)
    {
        if (given is not null) return given.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string process = Environment.ProcessPath ?? "superfuse";
        string dll = typeof(SlurmCommand).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? [process, dll] : [process];
    }

    private static void RequireNoWhitespace(string path, string what)
    {
        if (path.Any(char.IsWhiteSpace)) throw new UserInputException($"{path}: {what} contains whitespace, which #SBATCH lines cannot hold; expected a path without spaces");
    }

    /// <summary>Runs sbatch --parsable and returns the job id.</summary>
    private static string Sbatch(params string[] args)
    {
        var start = new ProcessStartInfo("sbatch") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("--parsable");
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new UserInputException("sbatch did not start; expected Slurm's sbatch on PATH");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new UserInputException("sbatch: not found; expected Slurm's sbatch on PATH (or leave out --submit and copy the scripts to the cluster)");
        }
        using (process)
        {
            string output = process.StandardOutput.ReadToEnd();
            string error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
            {
                string reason = error.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() ?? $"exit code {process.ExitCode}";
                throw new UserInputException($"sbatch {args[^1]}: {reason}");
            }
            return output.Trim().Split(';')[0];
        }
    }
}
