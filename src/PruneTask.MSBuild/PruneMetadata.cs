namespace PruneTask.MSBuild;

/// <summary>Names of the PruneRecipe item metadata (see docs/msbuild.md).</summary>
internal static class PruneMetadata
{
    /// <summary>User metadata: the folder that receives the pruned model (overrides the recipe's output.path).</summary>
    public const string OutputPath = "OutputPath";

    /// <summary>User metadata: the content-addressed cache folder.</summary>
    public const string CachePath = "CachePath";

    /// <summary>User metadata: false skips the recipe.</summary>
    public const string Enabled = "Enabled";

    /// <summary>User metadata: `path=value` overrides passed as `--set`, separated by semicolons.</summary>
    public const string Overrides = "Overrides";

    /// <summary>User metadata: Never, PreserveNewest or Always.</summary>
    public const string CopyToOutputDirectory = "CopyToOutputDirectory";

    /// <summary>User metadata: the folder under $(OutDir) that receives the copy.</summary>
    public const string TargetPath = "TargetPath";

    /// <summary>Computed: the recipe's full path.</summary>
    public const string Recipe = "Recipe";

    /// <summary>Computed: the recipe's short name (file name without .prune.yaml).</summary>
    public const string PruneName = "PruneName";

    /// <summary>Computed: the lock file the tool writes last; the target's output.</summary>
    public const string LockFile = "LockFile";

    /// <summary>Computed: where the tool lists the files the run depends on.</summary>
    public const string DependencyFile = "DependencyFile";

    /// <summary>Computed: a file that changes only when the item's settings change.</summary>
    public const string SettingsFile = "SettingsFile";

    /// <summary>Computed: the list of files the last prune wrote.</summary>
    public const string OutputListFile = "OutputListFile";

    /// <summary>Computed: the list of copies in the output directory.</summary>
    public const string CopyListFile = "CopyListFile";
}
