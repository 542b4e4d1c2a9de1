using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>Finds dotnet-prune for the project (see <see cref="PruneToolLocator"/>) and returns how to start it.</summary>
public sealed class ResolvePruneTool : Task
{
    /// <summary>$(PruneToolPath): dotnet-prune, dotnet-prune.dll, or a folder holding one; relative to the project.</summary>
    public string? ToolPath { get; set; }

    /// <summary>The project folder: the search for a tool manifest starts there.</summary>
    [Required]
    public string ProjectDirectory { get; set; } = "";

    /// <summary>$(DOTNET_HOST_PATH): the dotnet host running this build, when the build runs on .NET.</summary>
    public string? DotNetHostPath { get; set; }

    /// <summary>The executable to start.</summary>
    [Output]
    public string ToolCommand { get; private set; } = "";

    /// <summary>The arguments that come before `run`.</summary>
    [Output]
    public string ToolArguments { get; private set; } = "";

    /// <summary>The tool manifest to restore before running, or empty.</summary>
    [Output]
    public string ManifestFile { get; private set; } = "";

    /// <summary>A file whose timestamp changes with the tool's version.</summary>
    [Output]
    public string ToolVersionFile { get; private set; } = "";

    public override bool Execute()
    {
        try
        {
            var command = new PruneToolLocator(PruneToolLocator.EnvironmentSearchPath).Locate(ToolPath, ProjectDirectory, DotNetHostPath);
            ToolCommand = command.Executable;
            ToolArguments = command.Arguments;
            ManifestFile = command.ManifestFile ?? "";
            ToolVersionFile = command.VersionFile;
            Log.LogMessage(MessageImportance.Low, "dotnet-prune runs as: {0} {1}", ToolCommand, ToolArguments);
        }
        catch (PruneSetupException e)
        {
            Log.LogError(null, e.Code, null, null, 0, 0, 0, 0, e.Message);
        }

        return !Log.HasLoggedErrors;
    }
}
