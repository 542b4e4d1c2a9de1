namespace PruneTask.Cli;

/// <summary>Process exit codes of dotnet-prune (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The input is invalid: a recipe with errors, or a command line that does not parse.</summary>
    public const int Invalid = 1;

    /// <summary>The command could not run: unreadable or unsupported model, I/O error, numerical failure.</summary>
    public const int Failed = 2;

    /// <summary>Cancelled by Ctrl+C (SIGINT): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Cancelled by SIGTERM (what CI cancellation sends): 128 + 15.</summary>
    public const int Terminated = 143;
}
