using PruneTask.Engine.Methods;

namespace PruneTask.Engine.Methods;

/// <summary>The pruning methods a recipe can name.</summary>
public static class MethodRegistry
{
    private static readonly Dictionary<string, PruningMethod> Methods = new PruningMethod[]
    {
        new Magnitude(),
        new Wanda(),
        new SparseGpt(),
        new OatsMethod(),
        new OsscarMethod(),
        new NormPruningMethod(),
    }.ToDictionary(m => m.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<string> Names => Methods.Keys;

    public static PruningMethod Get(string name) =>
        Methods.TryGetValue(name, out var method)
            ? method
            : throw new NotSupportedException($"The method '{name}' is not available in this version; available: {string.Join(", ", Methods.Keys)}.");
}
