namespace PruneTask.Cli;

/// <summary>Process exit codes of dotnet-prune (documented in README.md).</summary>
public static class ExitCodes
{
    /// <summary>Success.</summary>
    public const int Ok = 0;

    /// <summary>The recipe is invalid (errors PRN001–PRN099); nothing else gives this code.</summary>
    public const int Invalid = 1;

    /// <summary>
    /// The command could not run: a command line that does not parse, an unreadable recipe or model, unusable data,
    /// NaN or Inf in weights or results, a numerical failure, an I/O error (errors PRN002 and PRN1xx).
    /// </summary>
    public const int Failed = 2;

    /// <summary>Cancelled by Ctrl+C (SIGINT): 128 + 2.</summary>
    public const int Cancelled = 130;

    /// <summary>Cancelled by SIGTERM (what CI cancellation sends): 128 + 15.</summary>
    public const int Terminated = 143;
}
