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

    public static readonly Option<string> Verbosity = new("--verbosity", "-v")
    {
        Description = "How much to log: q[uiet], m[inimal], n[ormal], d[etailed], diag[nostic].",
        DefaultValueFactory = _ => "normal",
        Recursive = true,
    };

    public static readonly Option<string> DiagnosticsFormat = new("--diagnostics-format")
    {
        Description = "text (default) or msbuild: under msbuild every warning and error line is in MSBuild's canonical form.",
        DefaultValueFactory = _ => "text",
        Recursive = true,
    };
}
