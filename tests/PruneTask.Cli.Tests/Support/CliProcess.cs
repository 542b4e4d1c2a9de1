using System.Diagnostics;
using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.Cli.Tests.Support;

/// <summary>
/// The real dotnet-prune as a child process (signals need a process of their own), optionally inside a private mount
/// namespace where a script can mount small or read-only file systems that vanish with it. No CI variable of the test
/// host's environment is inherited.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    private static readonly string[] _ciVariables = ["GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY", "GITHUB_WORKSPACE", "TF_BUILD", "BUILD_SOURCESDIRECTORY"];

    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _error;

    private CliProcess(Process process)
    {
        _process = process;
        _output = process.StandardOutput.ReadToEndAsync();
        _error = process.StandardError.ReadToEndAsync();
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// Starts <c>dotnet-prune ARGS</c> in <paramref name="workingDirectory"/> with SIGINT at its default disposition, as
    /// a terminal starts it: a test host started in the background inherits SIGINT ignored, and .NET (rightly) keeps
    /// ignoring a signal ignored at start.
    /// </summary>
    public static CliProcess Start(string workingDirectory, params string[] args)
    {
        var info = Info("env", workingDirectory);
        info.ArgumentList.Add("--default-signal=INT");
        info.ArgumentList.Add(DotNetHost.Path);
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-prune.dll"));
        args.ToList().ForEach(info.ArgumentList.Add);
        return Start(info);
    }

    /// <summary>
    /// Runs a shell script in a private mount namespace (<c>unshare -m</c> as root, <c>unshare -rm</c> otherwise), so
    /// its mounts are seen by nothing else and disappear when it ends. The script runs the tool as <c>prune ARGS</c>.
    /// </summary>
    public static (int ExitCode, string Output, string Error) RunIsolated(string workingDirectory, string script)
    {
        var info = Info("unshare", workingDirectory);
        info.ArgumentList.Add(Environment.UserName == "root" ? "-m" : "-rm");
        info.ArgumentList.Add("sh");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add("prune() { \"$PRUNE_HOST\" \"$PRUNE_DLL\" \"$@\"; }\n" + script);
        info.Environment["PRUNE_HOST"] = DotNetHost.Path;
        info.Environment["PRUNE_DLL"] = Path.Combine(AppContext.BaseDirectory, "dotnet-prune.dll");
        using var process = Start(info);
        return process.WaitForExit(TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs <c>dotnet-prune ARGS</c> to the end with <paramref name="environment"/> set.</summary>
    public static (int ExitCode, string Output, string Error) Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        var info = Info(DotNetHost.Path, workingDirectory);
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dotnet-prune.dll"));
        args.ToList().ForEach(info.ArgumentList.Add);
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var process = Start(info);
        return process.WaitForExit(TimeSpan.FromMinutes(5));
    }

    public void Signal(string name)
    {
        using var kill = Process.Start("kill", ["-s", name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }

    public (int ExitCode, string Output, string Error) WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
            Assert.Fail($"dotnet-prune did not exit within {timeout}: {_error.Result}");
        }

        return (_process.ExitCode, _output.Result, _error.Result);
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private static ProcessStartInfo Info(string fileName, string workingDirectory)
    {
        var info = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory };
        foreach (var name in _ciVariables)
        {
            info.Environment.Remove(name);
        }

        return info;
    }

    private static CliProcess Start(ProcessStartInfo info)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return new CliProcess(Process.Start(info) ?? throw new InvalidOperationException($"Could not start {info.FileName}."));
    }
}
