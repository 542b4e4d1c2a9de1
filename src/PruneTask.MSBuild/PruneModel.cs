using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>
/// Runs `dotnet-prune run` for one recipe in a child process, so libtorch never loads into MSBuild.
/// The tool prints diagnostics in MSBuild's canonical form, which ToolTask turns into errors and warnings.
/// </summary>
public sealed class PruneModel : ToolTask
{
    private const int CancelledExitCode = 130;

    /// <summary>The executable that runs the tool: dotnet-prune itself, or the dotnet host.</summary>
    [Required]
    public string ToolCommand { get; set; } = "";

    /// <summary>Arguments placed before `run`, such as `tool run dotnet-prune`.</summary>
    public string? ToolArguments { get; set; }

    /// <summary>The recipe file.</summary>
    [Required]
    public string Recipe { get; set; } = "";

    /// <summary>The folder that receives the pruned model, report and lock file.</summary>
    [Required]
    public string OutputDirectory { get; set; } = "";

    /// <summary>The content-addressed cache folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Where the tool writes the list of files the run depends on.</summary>
    public string? DependencyFile { get; set; }

    /// <summary>Where the task writes the list of files in the output folder after a successful run.</summary>
    public string? OutputListFile { get; set; }

    /// <summary>`path=value` overrides passed as `--set`.</summary>
    public string[] Overrides { get; set; } = [];

    /// <summary>quiet, minimal, normal, detailed or diagnostic.</summary>
    public string? Verbosity { get; set; }

    /// <summary>The folder the tool runs in (the project folder: `dotnet tool run` finds its manifest from there).</summary>
    public string? WorkingDirectory { get; set; }

    /// <summary>The files the run wrote.</summary>
    [Output]
    public ITaskItem[] WrittenFiles { get; private set; } = [];

    protected override string ToolName => "dotnet-prune";

    protected override MessageImportance StandardOutputLoggingImportance => MessageImportance.Normal;

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    public override bool Execute()
    {
        if (!base.Execute() || Log.HasLoggedErrors)
        {
            return false;
        }

        WrittenFiles = ListOutputs();
        return true;
    }

    protected override string GenerateFullPathToTool() => ToolCommand;

    protected override string? GetWorkingDirectory() =>
        string.IsNullOrEmpty(WorkingDirectory) ? base.GetWorkingDirectory() : WorkingDirectory;

    protected override string GenerateCommandLineCommands() =>
        PruneArguments.Build(ToolArguments, Recipe, OutputDirectory, CacheDirectory, DependencyFile, Overrides, Verbosity);

    protected override bool HandleTaskExecutionErrors()
    {
        if (Log.HasLoggedErrors)
        {
            return false;
        }

        var reason = ExitCode == CancelledExitCode ? "was cancelled" : $"failed with exit code {ExitCode}";
        Log.LogError(
            subcategory: null,
            errorCode: DiagnosticCodes.ToolFailed,
            helpKeyword: null,
            file: Recipe,
            lineNumber: 0,
            columnNumber: 0,
            endLineNumber: 0,
            endColumnNumber: 0,
            message: $"dotnet-prune {reason} without reporting a diagnostic; the messages above say more.");
        return false;
    }

    private ITaskItem[] ListOutputs()
    {
        var files = Directory.Exists(OutputDirectory)
            ? Directory.GetFiles(OutputDirectory, "*", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal).ToArray()
            : [];
        if (!string.IsNullOrEmpty(OutputListFile))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OutputListFile)!);
            File.WriteAllLines(OutputListFile, files);
        }

        return files.Select(f => (ITaskItem)new TaskItem(f)).ToArray();
    }
}
