using System;
using System.IO;
using System.Threading;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>
/// Runs `dotnet tool restore` for the manifest that lists dotnet-prune, so a fresh clone needs no manual step.
/// Runs at most once per build and manifest version, and never twice at the same time on one machine:
/// concurrent restores of the same tool package fail in the SDK ("file is being used by another process").
/// </summary>
public sealed class RestorePruneTool : ToolTask
{
    private const string MutexName = "PruneTask.MSBuild.ToolRestore";
    private static readonly TimeSpan LockTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The dotnet-tools.json that lists dotnet-prune.</summary>
    [Required]
    public string ManifestFile { get; set; } = "";

    /// <summary>The dotnet host.</summary>
    [Required]
    public string DotNetHost { get; set; } = "";

    /// <summary>The folder restore runs in (the project folder, so its nuget.config applies).</summary>
    public string? WorkingDirectory { get; set; }

    protected override string ToolName => "dotnet";

    protected override MessageImportance StandardErrorLoggingImportance => MessageImportance.High;

    public override bool Execute()
    {
        var key = $"{MutexName}|{Path.GetFullPath(ManifestFile)}|{File.GetLastWriteTimeUtc(ManifestFile).Ticks}";
        var engine = BuildEngine as IBuildEngine4;
        if (engine?.GetRegisteredTaskObject(key, RegisteredTaskObjectLifetime.Build) is not null)
        {
            return true;
        }

        using var mutex = new Mutex(initiallyOwned: false, MutexName);
        if (!Acquire(mutex))
        {
            Log.LogError(null, DiagnosticCodes.ToolRestoreFailed, null, ManifestFile, 0, 0, 0, 0,
                "Timed out waiting for another `dotnet tool restore` to finish.");
            return false;
        }

        try
        {
            var restored = base.Execute() && !Log.HasLoggedErrors;
            if (restored)
            {
                engine?.RegisterTaskObject(key, key, RegisteredTaskObjectLifetime.Build, allowEarlyCollection: false);
            }

            return restored;
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    protected override string GenerateFullPathToTool() => DotNetHost;

    protected override string? GetWorkingDirectory() =>
        string.IsNullOrEmpty(WorkingDirectory) ? base.GetWorkingDirectory() : WorkingDirectory;

    protected override string GenerateCommandLineCommands()
    {
        var builder = new CommandLineBuilder();
        builder.AppendSwitch("tool restore");
        builder.AppendSwitchIfNotNull("--tool-manifest ", ManifestFile);
        return builder.ToString();
    }

    protected override bool HandleTaskExecutionErrors()
    {
        Log.LogError(null, DiagnosticCodes.ToolRestoreFailed, null, ManifestFile, 0, 0, 0, 0,
            $"`dotnet tool restore` failed with exit code {ExitCode}, so dotnet-prune cannot run. " +
            "Check that a package source in nuget.config provides the dotnet-prune version the manifest names.");
        return false;
    }

    private static bool Acquire(Mutex mutex)
    {
        try
        {
            return mutex.WaitOne(LockTimeout);
        }
        catch (AbandonedMutexException)
        {
            // The previous owner died mid-restore; the mutex is ours now and restore is idempotent.
            return true;
        }
    }
}
