using PruneTask.Engine.Caching;
using PruneTask.Recipes.Model;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// Decides, before a run does any work, whether its output and cache paths are safe, so that the output swap can only
/// ever replace a folder this tool wrote. Refused (<see cref="RunErrorCodes.UnsafePath"/>):
/// <list type="bullet">
/// <item>an output that is, contains or lies inside the model folder, an image-folder dataset or the cache;</item>
/// <item>an output that is or contains the folder of the recipe, of a recipe it extends, or of a data file (an output
/// inside such a folder is allowed: the default <c>out/&lt;name&gt;</c> lies beside the recipe);</item>
/// <item>an output that is an existing file or symbolic link, or an existing non-empty folder that is not an earlier
/// output (<see cref="OutputMarker"/>); a cache path that is an existing file;</item>
/// <item>a relative <c>output.path</c> or <c>cache.path</c> written in a recipe that leaves the repository holding that
/// recipe (the nearest folder upward with a <c>.git</c>, else the recipe's folder). Paths from the command line
/// (<c>--output</c>, <c>--cache-dir</c>, <c>--set</c>) may point anywhere.</item>
/// </list>
/// Paths are compared after resolving symbolic links, ignoring case.
/// </summary>
public static class OutputPathGuard
{
    /// <summary>Returns the normalized output and cache folders, or throws <see cref="PruneRunException"/>.</summary>
    /// <param name="outputOverride">The command line's output folder, or null for the recipe's output.path.</param>
    /// <param name="cacheOverride">The command line's cache folder, or null for the recipe's cache.path.</param>
    public static RunPaths Check(Recipe recipe, string? outputOverride, string? cacheOverride)
    {
        var output = PhysicalPath.Normalize(outputOverride ?? recipe.Output.Path.Value);
        var cache = PhysicalPath.Normalize(CacheLocation.Resolve(cacheOverride, recipe.Cache));
        var outputField = outputOverride is null ? new Field("output.path", recipe.Output.Path.Position) : new Field("--output", null);
        var cacheField = (cacheOverride, recipe.Cache.Path) switch
        {
            (not null, _) => new Field("--cache-dir", null),
            (null, { } fromRecipe) => new Field("cache.path", fromRecipe.Position),
            _ => new Field($"the cache folder (${CacheLocation.EnvironmentVariable} or the per-user default)", null),
        };

        CheckInsideRepository(output, outputOverride is null ? recipe.Output.RelativeTo : null, outputField);
        CheckInsideRepository(cache, cacheOverride is null ? recipe.Cache.RelativeTo : null, cacheField);
        CheckCache(cache, cacheField);

        var real = PhysicalPath.Resolve(output);
        foreach (var (folder, what, insideAllowed) in Protected(recipe, cache))
        {
            var protectedFolder = PhysicalPath.Resolve(folder);
            if (PhysicalPath.AreSame(real, protectedFolder))
            {
                throw Refused(outputField, output, $"is {what}");
            }

            if (PhysicalPath.IsSameOrInside(protectedFolder, real))
            {
                throw Refused(outputField, output, $"contains {what} ({folder})");
            }

            if (!insideAllowed && PhysicalPath.IsSameOrInside(real, protectedFolder))
            {
                throw Refused(outputField, output, $"lies inside {what} ({folder})");
            }
        }

        CheckExisting(output, outputField);
        return new RunPaths(output, cache);
    }

    /// <summary>The folders an output must not replace: (folder, what it is, whether an output may lie inside it).</summary>
    private static IEnumerable<(string Folder, string What, bool InsideAllowed)> Protected(Recipe recipe, string cache)
    {
        yield return (recipe.Model.Path.Value, "the model folder", false);
        yield return (cache, "the cache folder", false);
        foreach (var file in recipe.SourceFiles)
        {
            yield return (Path.GetDirectoryName(Path.GetFullPath(file))!, $"the folder of recipe {Path.GetFileName(file)}", true);
        }

        foreach (var (dataset, field) in new[] { (recipe.Calibration?.Dataset.Value, "calibration.dataset"), (recipe.Evaluation?.Dataset.Value, "evaluate.dataset") })
        {
            if (dataset is null)
            {
                continue;
            }

            yield return Directory.Exists(dataset)
                ? (dataset, $"the {field} folder", false)
                : (Path.GetDirectoryName(Path.GetFullPath(dataset))!, $"the folder of {field} {Path.GetFileName(dataset)}", true);
        }
    }

    private static void CheckInsideRepository(string path, string? relativeTo, Field field)
    {
        if (relativeTo is null)
        {
            return;
        }

        var repository = RepositoryOf(PhysicalPath.Resolve(relativeTo));
        if (!PhysicalPath.IsSameOrInside(PhysicalPath.Resolve(path), repository))
        {
            throw Refused(field, path, $"leaves the repository holding the recipe ({repository}); a relative path in a recipe must stay inside it (give {(field.Name == "output.path" ? "--output" : "--cache-dir")} to write elsewhere)");
        }
    }

    private static void CheckCache(string cache, Field field)
    {
        if (File.Exists(cache))
        {
            throw Refused(field, cache, "is a file, not a folder");
        }
    }

    private static void CheckExisting(string output, Field field)
    {
        var info = new DirectoryInfo(output);
        if (info.LinkTarget is not null)
        {
            throw Refused(field, output, "is a symbolic link; name the folder it points to");
        }

        if (File.Exists(output))
        {
            throw Refused(field, output, "is a file, not a folder");
        }

        if (!OutputMarker.MayReplace(output))
        {
            throw Refused(field, output, $"is a folder that holds files but no {LockFile.FileName}: it is not an earlier output, and a run replaces its output folder whole");
        }
    }

    /// <summary>The nearest folder at or above <paramref name="folder"/> holding a <c>.git</c> folder or file; else <paramref name="folder"/>.</summary>
    private static string RepositoryOf(string folder)
    {
        for (var current = folder; current is not null; current = Path.GetDirectoryName(current))
        {
            var git = Path.Combine(current, ".git");
            if (Directory.Exists(git) || File.Exists(git))
            {
                return current;
            }
        }

        return folder;
    }

    private static PruneRunException Refused(Field field, string path, string why) =>
        new(RunErrorCodes.UnsafePath, $"{field.Name} '{path}' {why}.", field.Position);

    private sealed record Field(string Name, SourcePosition? Position);
}

/// <summary>A run's output and cache folders, as absolute normalized paths, after <see cref="OutputPathGuard"/> accepted them.</summary>
public sealed record RunPaths(string Output, string Cache);
