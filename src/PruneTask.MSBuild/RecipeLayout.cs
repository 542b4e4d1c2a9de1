using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Build.Framework;

namespace PruneTask.MSBuild;

/// <summary>Where everything belonging to one PruneRecipe item lives: outputs, copies, and the state files under obj/.</summary>
internal sealed class RecipeLayout
{
    private const string LockFileName = "prune.lock.json";

    public RecipeLayout(ITaskItem item, string projectDirectory, string stateDirectory, string outputRoot, string cacheDirectory)
    {
        Recipe = Path.GetFullPath(Path.Combine(projectDirectory, item.ItemSpec));
        Name = NameOf(Recipe);
        OutputPath = AsDirectory(Path.Combine(projectDirectory, Metadata(item, PruneMetadata.OutputPath) ?? Path.Combine(outputRoot, Name)));
        CachePath = AsDirectory(Path.Combine(projectDirectory, Metadata(item, PruneMetadata.CachePath) ?? cacheDirectory));
        TargetPath = AsRelativeDirectory(Metadata(item, PruneMetadata.TargetPath) ?? Path.Combine("pruned", Name));
        var state = Path.Combine(Path.GetFullPath(Path.Combine(projectDirectory, stateDirectory)), $"{Name}.{ShortHash(Recipe)}");
        DependencyFile = state + ".deps";
        SettingsFile = state + ".settings";
        OutputListFile = state + ".files";
        CopyListFile = state + ".copies";
    }

    public string Recipe { get; }

    public string Name { get; }

    public string OutputPath { get; }

    public string LockFile => OutputPath + LockFileName;

    public string CachePath { get; }

    public string TargetPath { get; }

    public string DependencyFile { get; }

    public string SettingsFile { get; }

    public string OutputListFile { get; }

    public string CopyListFile { get; }

    /// <summary>`models/llama.prune.yaml` → `llama`.</summary>
    public static string NameOf(string recipePath) => Recipes.Reading.DefaultPaths.RecipeName(recipePath);

    private static string? Metadata(ITaskItem item, string name)
    {
        var value = item.GetMetadata(name);
        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static string AsDirectory(string path)
    {
        var full = Path.GetFullPath(path);
        return full.EndsWith(Path.DirectorySeparatorChar.ToString(), StringComparison.Ordinal) ? full : full + Path.DirectorySeparatorChar;
    }

    private static string AsRelativeDirectory(string path)
    {
        var trimmed = path.Replace(Path.AltDirectorySeparatorChar, Path.DirectorySeparatorChar).TrimEnd(Path.DirectorySeparatorChar);
        return trimmed.Length == 0 ? "" : trimmed + Path.DirectorySeparatorChar;
    }

    // Two recipes with the same file name in different folders keep separate state files.
    private static string ShortHash(string text)
    {
        using var sha = SHA256.Create();
        var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
        return BitConverter.ToString(hash, 0, 4).Replace("-", "").ToLowerInvariant();
    }
}
