using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>output</c> and <c>cache</c>; both are optional and get per-recipe and per-user defaults.</summary>
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
        return new OutputSettings(path, format, dtype) { RelativeTo = section is null ? null : PathFields.RelativeBase(section, "path") };
    }

    public static CacheSettings ReadCache(SectionReader root)
    {
        var section = root.Section("cache", CacheKeys);
        var path = (section is null ? null : PathFields.Absolute(section, "path"))
            ?? new Located<string>(DefaultPaths.CacheDirectory(), section?.Position ?? root.Position);
        return new CacheSettings(path) { RelativeTo = section is null ? null : PathFields.RelativeBase(section, "path") };
    }
}
