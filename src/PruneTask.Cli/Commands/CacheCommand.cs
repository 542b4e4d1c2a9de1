using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Recipes;
using PruneTask.Recipes.Model;

namespace PruneTask.Cli.Commands;

/// <summary>
/// `dotnet prune cache list|size|clean`: inspect and trim the content-addressed cache folder, found as <c>run</c> finds
/// it (<see cref="CacheLocation"/>); <c>--recipe</c> brings in a recipe's <c>cache.path</c>.
/// </summary>
public static class CacheCommand
{
    public static Command Create()
    {
        var cacheDir = new Option<string?>("--cache-dir")
        {
            Description = $"The cache folder (default: ${CacheLocation.EnvironmentVariable}, else the per-user cache folder).",
            Recursive = true,
        };
        var recipe = new Option<string?>("--recipe")
        {
            Description = "Use this recipe's cache.path, as run does, when --cache-dir is not given.",
            Recursive = true,
        };
        var json = new Option<bool>("--json") { Description = "Write the list as JSON." };
        var olderThan = new Option<TimeSpan?>("--older-than")
        {
            Description = "Remove only entries not used for this long: a whole number and d, h or m (e.g. 7d).",
            CustomParser = ParseAge,
        };

        var list = new Command("list", "List cache entries, most recently used first.") { json };
        list.SetAction(r => Run(r, cacheDir, recipe, (cache, output) => List(cache, r.GetValue(json), output)));

        var size = new Command("size", "Print the total size of the cache folder.");
        size.SetAction(r => Run(r, cacheDir, recipe, Size));

        var clean = new Command("clean", "Remove all cache entries, or with --older-than those not used for that long.") { olderThan };
        clean.SetAction(r => Run(r, cacheDir, recipe, (cache, output) => Clean(cache, r.GetValue(olderThan), output)));

        return new Command("cache", "Inspect and clean the cache of calibration statistics, pruned layers and evaluations.")
        {
            cacheDir,
            recipe,
            list,
            size,
            clean,
        };
    }

    private static int Run(ParseResult result, Option<string?> cacheDir, Option<string?> recipe, Action<CacheMaintenance, TextWriter> action)
    {
        CacheSettings? fromRecipe = null;
        if (result.GetValue(recipe) is { } recipePath)
        {
            var loaded = RecipeLoader.Load(recipePath);
            PlanLoader.Print(result, loaded.Diagnostics);
            if (loaded.Recipe is null)
            {
                return loaded.IsUnreadable ? ExitCodes.Failed : ExitCodes.Invalid;
            }

            fromRecipe = loaded.Recipe.Cache;
        }

        action(new CacheMaintenance(CacheLocation.Resolve(result.GetValue(cacheDir), fromRecipe)), result.InvocationConfiguration.Output);
        return ExitCodes.Ok;
    }

    private static void List(CacheMaintenance cache, bool json, TextWriter output)
    {
        var entries = cache.List();
        if (json)
        {
            var rows = entries.Select(e => new
            {
                kind = e.Key.Kind,
                key = e.Key.Hash,
                sizeBytes = e.SizeBytes,
                createdUtc = e.CreatedUtc,
                lastAccessUtc = e.LastAccessUtc,
                description = e.Description,
                directory = e.Directory,
            });
            output.WriteLine(JsonSerializer.Serialize(rows, new JsonSerializerOptions { WriteIndented = true }));
            return;
        }

        if (entries.Count == 0)
        {
            output.WriteLine($"The cache at {cache.Root} is empty.");
            return;
        }

        var now = DateTimeOffset.UtcNow;
        var kindWidth = Math.Max(4, entries.Max(e => e.Key.Kind.Length));
        output.WriteLine($"{"KIND".PadRight(kindWidth)}  KEY           {"SIZE",10}  {"AGE",5}  DESCRIPTION");
        foreach (var e in entries)
        {
            output.WriteLine($"{e.Key.Kind.PadRight(kindWidth)}  {e.Key.Hash[..12]}  {FormatSize(e.SizeBytes),10}  {FormatAge(now - e.LastAccessUtc),5}  {e.Description}");
        }

        output.WriteLine($"{entries.Count} entries, {FormatSize(entries.Sum(e => e.SizeBytes))} in {cache.Root}");
    }

    private static void Size(CacheMaintenance cache, TextWriter output)
    {
        var bytes = cache.TotalSize();
        output.WriteLine(FormattableString.Invariant($"{bytes} bytes ({FormatSize(bytes)}) in {cache.Root}"));
    }

    private static void Clean(CacheMaintenance cache, TimeSpan? olderThan, TextWriter output)
    {
        var result = cache.Clean(olderThan);
        var which = olderThan is null ? string.Empty : " not used for " + FormatAge(olderThan.Value);
        output.WriteLine($"Removed {result.EntriesRemoved} entries{which} ({FormatSize(result.BytesFreed)}) from {cache.Root}.");
    }

    private static TimeSpan? ParseAge(ArgumentResult result)
    {
        var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Empty;
        if (CacheAge.TryParse(text, out var age))
        {
            return age;
        }

        result.AddError($"--older-than: '{text}' is not an age; use a whole number followed by d, h or m (e.g. 7d, 12h, 30m).");
        return null;
    }

    internal static string FormatSize(long bytes)
    {
        string[] units = ["B", "KiB", "MiB", "GiB", "TiB"];
        var value = (double)bytes;
        var unit = 0;
        for (; value >= 1024 && unit < units.Length - 1; unit++)
        {
            value /= 1024;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {units[unit]}");
    }

    internal static string FormatAge(TimeSpan age) => age switch
    {
        { TotalDays: >= 1 } => $"{(int)age.TotalDays}d",
        { TotalHours: >= 1 } => $"{(int)age.TotalHours}h",
        { TotalMinutes: >= 1 } => $"{(int)age.TotalMinutes}m",
        _ => "now",
    };
}
