using System.Diagnostics;
using System.Text;
using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>Runs the real dotnet CLI in a child process with a clean, English, node-reuse-free environment.</summary>
internal static class DotNetRun
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(8);

    public static DotNetResult Run(string workingDirectory, IReadOnlyDictionary<string, string> environment, params string[] arguments)
    {
        var start = new ProcessStartInfo(DotNetHost.Path)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Prepare(start.Environment, environment);
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        var clock = Stopwatch.StartNew();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(Timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"dotnet {string.Join(' ', arguments)} ran longer than {Timeout}:\n{output}");
        }

        process.WaitForExit();
        lock (output)
        {
            return new DotNetResult(process.ExitCode, output.ToString(), clock.Elapsed);
        }
    }

    // The test host may run under MSBuild-related variables meant for the outer build; the child builds must not see them.
    private static void Prepare(IDictionary<string, string?> target, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var name in target.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            target.Remove(name);
        }

        target["DOTNET_CLI_UI_LANGUAGE"] = "en";
        target["DOTNET_NOLOGO"] = "1";
        target["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        target["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1";
        target["MSBUILDDISABLENODEREUSE"] = "1";
        target["MSBUILDTERMINALLOGGER"] = "off";
        foreach (var (name, value) in overrides)
        {
            target[name] = value;
        }
    }

    private static void Append(StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }
}
