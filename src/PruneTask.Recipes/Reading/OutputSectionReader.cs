using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>output</c> and <c>cache</c>; both are optional. The output gets a per-recipe default; the cache's default is the engine's to resolve.</summary>
internal static class OutputSectionReader
{
    public static IReadOnlyCollection<string> OutputKeys { get; } = ["path", "format", "dtype"];

    public static IReadOnlyCollection<string> CacheKeys { get; } = ["path"];

    public static OutputSettings ReadOutput(SectionReader root, string recipePath)
    {
        var section = root.Section("output", OutputKeys);
        var position = section?.Position ?? root.Position;
        var path = (section is null ? null : PathFields.Absolute(section, "path"))
            ?? new Located<string>(DefaultPaths.OutputDirectory(recipePath), position);
        var format = section?.Enum<OutputFormat>("format") ?? new Located<OutputFormat>(OutputFormat.Dense, position);
        var dtype = section?.Enum<OutputDtype>("dtype")?.Value ?? OutputDtype.Same;
        return new OutputSettings(path, format, dtype);
    }

    public static CacheSettings ReadCache(SectionReader root)
    {
        var section = root.Section("cache", CacheKeys);
        return new CacheSettings(section is null ? null : PathFields.Absolute(section, "path"));
    }
}
