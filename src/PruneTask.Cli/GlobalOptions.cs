using System.CommandLine;

namespace PruneTask.Cli;

/// <summary>Options every command understands.</summary>
public static class GlobalOptions
{
    public static readonly Option<bool> Verbose = new("--verbose")
    {
        Description = "Print stack traces and debug detail on errors.",
        Recursive = true,
    };
}
