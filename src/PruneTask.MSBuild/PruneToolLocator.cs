using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>
/// Decides how to start dotnet-prune, in this order: an explicit path (PruneToolPath), a local tool manifest
/// that lists dotnet-prune (run through `dotnet tool run`), a dotnet-prune on PATH.
/// </summary>
internal sealed class PruneToolLocator(IReadOnlyList<string> searchPath)
{
    private const string ToolName = "dotnet-prune";

    private static readonly string ExecutableSuffix = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? ".exe" : "";

    /// <summary>The directories of the PATH environment variable.</summary>
    public static IReadOnlyList<string> EnvironmentSearchPath =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split([Path.PathSeparator], StringSplitOptions.RemoveEmptyEntries);

    public PruneToolCommand Locate(string? toolPath, string projectDirectory, string? dotnetHostPath)
    {
        if (!string.IsNullOrWhiteSpace(toolPath))
        {
            return FromExplicitPath(Path.GetFullPath(Path.Combine(projectDirectory, toolPath!.Trim())), dotnetHostPath);
        }

        var manifest = ToolManifest.FindListing(projectDirectory);
        if (manifest is not null)
        {
            return new PruneToolCommand(DotNetHost(dotnetHostPath), "tool run " + ToolName, manifest, manifest);
        }

        var onPath = FindOnPath(ToolName + ExecutableSuffix);
        return onPath is not null
            ? new PruneToolCommand(onPath, "", null, onPath)
            : throw new PruneSetupException(
                DiagnosticCodes.ToolNotFound,
                "dotnet-prune was not found. Add it to a local tool manifest (`dotnet new tool-manifest`, then " +
                "`dotnet tool install dotnet-prune`), install it on PATH, or set the PruneToolPath property.");
    }

    /// <summary>The dotnet host: the one running this build when known, else the first on PATH.</summary>
    public string DotNetHost(string? dotnetHostPath)
    {
        if (!string.IsNullOrEmpty(dotnetHostPath) && File.Exists(dotnetHostPath))
        {
            return dotnetHostPath!;
        }

        return FindOnPath("dotnet" + ExecutableSuffix)
            ?? throw new PruneSetupException(DiagnosticCodes.ToolNotFound, "The dotnet host was not found on PATH; it runs dotnet-prune.");
    }

    private PruneToolCommand FromExplicitPath(string path, string? dotnetHostPath)
    {
        var file = Directory.Exists(path) ? FindInDirectory(path) : path;
        if (file is null || !File.Exists(file))
        {
            throw new PruneSetupException(
                DiagnosticCodes.ToolNotFound,
                $"PruneToolPath '{path}' is neither dotnet-prune, dotnet-prune.dll nor a folder that holds one of them.");
        }

        if (!string.Equals(Path.GetExtension(file), ".dll", StringComparison.OrdinalIgnoreCase))
        {
            return new PruneToolCommand(file, "", null, file);
        }

        var builder = new CommandLineBuilder();
        builder.AppendFileNameIfNotNull(file);
        return new PruneToolCommand(DotNetHost(dotnetHostPath), builder.ToString(), null, file);
    }

    private static string? FindInDirectory(string directory) =>
        new[] { ToolName + ExecutableSuffix, ToolName + ".dll" }
            .Select(name => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private string? FindOnPath(string fileName) =>
        searchPath.Select(directory => Path.Combine(directory.Trim('"'), fileName)).FirstOrDefault(File.Exists);
}
