namespace PruneTask.MSBuild;

/// <summary>Codes of the errors the MSBuild front end itself reports; the tool's own codes are PRN0xx.</summary>
internal static class DiagnosticCodes
{
    /// <summary>No dotnet-prune was found (PruneToolPath, a tool manifest, PATH).</summary>
    public const string ToolNotFound = "PRN901";

    /// <summary>dotnet-prune failed without printing a diagnostic of its own.</summary>
    public const string ToolFailed = "PRN902";

    /// <summary>`dotnet tool restore` failed for the manifest that lists dotnet-prune.</summary>
    public const string ToolRestoreFailed = "PRN903";

    /// <summary>A PruneRecipe item is unusable: missing file, or an output folder shared with another recipe.</summary>
    public const string InvalidRecipeItem = "PRN904";

    /// <summary>dotnet-prune reported success but left no lock file.</summary>
    public const string MissingLockFile = "PRN905";
}
