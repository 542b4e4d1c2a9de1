namespace PruneTask.Engine.Models;

/// <summary>The registry of implemented architectures.</summary>
public static class Architectures
{
    private static readonly IArchitecture[] All =
    [
        new LlamaArchitecture(),
        new OptArchitecture(),
    ];

    public static IReadOnlyList<string> SupportedNames { get; } =
        All.SelectMany(a => a.Names).Order(StringComparer.Ordinal).ToArray();

    /// <summary>The family that accepts <paramref name="name"/>; throws <see cref="UnsupportedModelException"/> listing the supported ones.</summary>
    public static IArchitecture Find(string name) =>
        All.FirstOrDefault(a => a.Names.Contains(name, StringComparer.Ordinal))
        ?? throw new UnsupportedModelException(
            $"Unsupported architecture '{name}'. Supported: {string.Join(", ", SupportedNames)}.");
}
