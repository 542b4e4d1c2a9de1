using PruneTask.Engine.Caching;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Reporting;

/// <summary>
/// prune.lock.json: everything needed to tell whether an output is what recipe + model + data + tool version give.
/// Holds no timings, so two identical runs write identical lock files. Version 1 (before the compute environment was
/// recorded) wrote the model fingerprint without its <c>sha256:</c> prefix and has no <see cref="Environment"/>.
/// </summary>
public sealed record LockFile
{
    public const string FileName = "prune.lock.json";


    public const int CurrentVersion = 2;

    public int LockVersion { get; init; } = CurrentVersion;

    public required string ToolVersion { get; init; }

    public required string RecipeHash { get; init; }

    /// <summary>The model's fingerprint as a recipe's <c>model.fingerprint</c> takes it (<c>sha256:&lt;hex&gt;</c>).</summary>
    public required string ModelFingerprint { get; init; }

    /// <summary>The environment every stage key names; null in a version 1 lock file.</summary>
    public ComputeEnvironment? Environment { get; init; }

    public required IReadOnlyDictionary<string, string> DataFingerprints { get; init; }

    /// <summary>Cache key of every stage result, by stage and item (e.g. "prune/model.layers.0.mlp.down_proj").</summary>
    public required IReadOnlyDictionary<string, string> StageKeys { get; init; }

    /// <summary>SHA-256 of every file written to the output folder, by relative path.</summary>
    public required IReadOnlyDictionary<string, string> Outputs { get; init; }

    /// <summary>Hash of the recipe, every recipe it extends (in order) and the command-line overrides applied to them.</summary>
    public static string HashOf(Recipe recipe)
    {
        var builder = new CacheKeyBuilder("recipe", "lock");
        for (var i = 0; i < recipe.SourceFiles.Count; i++)
        {
            builder.AddHash($"file{i:D2}", ContentHash.OfFile(recipe.SourceFiles[i]));
        }

        for (var i = 0; i < recipe.Overrides.Settings.Count; i++)
        {
            builder.Add($"set{i:D2}", recipe.Overrides.Settings[i]);
        }

        for (var i = 0; i < recipe.Overrides.Variables.Count; i++)
        {
            builder.Add($"var{i:D2}", recipe.Overrides.Variables[i]);
        }

        return builder.Build().Hash;
    }
}
