using PruneTask.Recipes.Model;
using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Reading;

/// <summary>Reads <c>output</c> and <c>cache</c>; both are optional. The output gets a per-recipe default; the cache's default is the engine's to resolve.</summary>
internal static class OutputSectionReader
{
    public static IReadOnlyCollection<string> OutputKeys { get; } = ["path", "format", "dtype", "onnx"];

    /// <summary>The keys of <c>output.onnx</c> when it is a mapping (<c>onnx: true</c> takes every default).</summary>
    public static IReadOnlyCollection<string> OnnxKeys { get; } = ["factored"];

    public static IReadOnlyCollection<string> CacheKeys { get; } = ["path"];

    public static OutputSettings ReadOutput(SectionReader root, string recipePath)
    {
        var section = root.Section("output", OutputKeys);
        var position = section?.Position ?? root.Position;
        var path = (section is null ? null : PathFields.Absolute(section, "path"))
            ?? new Located<string>(DefaultPaths.OutputDirectory(recipePath), position);
        var format = section?.Enum<OutputFormat>("format") ?? new Located<OutputFormat>(OutputFormat.Dense, position);
        var dtype = section?.Enum<OutputDtype>("dtype")?.Value ?? OutputDtype.Same;
        return new OutputSettings(path, format, dtype) 
        {
            Onnx = section is null ? null : ReadOnnx(section),
            RelativeTo = section is null ? null : PathFields.RelativeBase(section, "path"),
        };
    }

    /// <summary><c>onnx: true</c>, <c>onnx: false</c> or a mapping of ONNX settings; null when no model.onnx is wanted.</summary>
    private static OnnxSettings? ReadOnnx(SectionReader output)
    {
        var node = output.Get("onnx");
        if (node is MappingNode)
        {
            var section = output.Section("onnx", OnnxKeys)!;
            var factored = section.Enum<OnnxFactoredForm>("factored")?.Value ?? OnnxFactoredForm.Separate;
            return new OnnxSettings(factored, section.Position);
        }

        return output.Boolean("onnx") is { Value: true } enabled
            ? new OnnxSettings(OnnxFactoredForm.Separate, enabled.Position)
            : null;
    }

    public static CacheSettings ReadCache(SectionReader root)
    {
        var section = root.Section("cache", CacheKeys);
        return new CacheSettings(section is null ? null : PathFields.Absolute(section, "path")) { RelativeTo = section is null ? null : PathFields.RelativeBase(section, "path") };
    }
}
