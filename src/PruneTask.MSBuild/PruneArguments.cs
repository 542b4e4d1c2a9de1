using System.Collections.Generic;
using System.IO;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>Builds the `dotnet-prune run` command line from the task's parameters.</summary>
internal static class PruneArguments
{
    public static string Build(
        string? toolArguments,
        string recipe,
        string outputDirectory,
        string? cacheDirectory,
        string? dependencyFile,
        IEnumerable<string> overrides,
        string? verbosity)
    {
        var builder = new CommandLineBuilder(quoteHyphensOnCommandLine: false, useNewLineSeparator: false);
        if (!string.IsNullOrEmpty(toolArguments))
        {
            builder.AppendTextUnquoted(toolArguments);
        }

        builder.AppendSwitch("run");
        builder.AppendFileNameIfNotNull(recipe);
        builder.AppendSwitchIfNotNull("--output ", TrimSeparator(outputDirectory));
        builder.AppendSwitchIfNotNull("--cache-dir ", TrimSeparator(cacheDirectory));
        builder.AppendSwitchIfNotNull("--deps-file ", dependencyFile);
        foreach (var value in overrides)
        {
            builder.AppendSwitchIfNotNull("--set ", value.Trim());
        }

        builder.AppendSwitch("--diagnostics-format msbuild");
        if (!string.IsNullOrEmpty(verbosity))
        {
            builder.AppendSwitchIfNotNull("--verbosity ", verbosity);
        }

        return builder.ToString();
    }

    // A trailing separator inside quotes ("C:\out\") escapes the closing quote on Windows.
    private static string? TrimSeparator(string? directory) =>
        string.IsNullOrEmpty(directory)
            ? directory
            : directory!.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar);
}
