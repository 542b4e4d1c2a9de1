using System.CommandLine;

namespace PruneTask.Cli.Tests;

/// <summary>Runs the real `dotnet prune` command line in process and captures what it prints.</summary>
internal static class Cli
{
    public static (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = PruneCommandLine.Invoke(args, new InvocationConfiguration { Output = output, Error = error });
        return (exitCode, output.ToString(), error.ToString());
    }
}
