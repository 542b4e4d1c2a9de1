namespace PruneTask.MSBuild;

/// <summary>How to start dotnet-prune: an executable, the arguments before the tool's own, and the manifest it comes from.</summary>
internal sealed class PruneToolCommand(string executable, string arguments, string? manifestFile, string versionFile)
{
    /// <summary>The full path of the process to start.</summary>
    public string Executable { get; } = executable;

    /// <summary>Arguments that select the tool (`tool run dotnet-prune`, or a quoted .dll path); empty for dotnet-prune itself.</summary>
    public string Arguments { get; } = arguments;

    /// <summary>The local tool manifest that lists dotnet-prune, when the tool comes from one (it must be restored first).</summary>
    public string? ManifestFile { get; } = manifestFile;

    /// <summary>A file that changes when the tool changes (the manifest, or the tool's own file): an input of the prune target.</summary>
    public string VersionFile { get; } = versionFile;
}
