using System.Reflection;

namespace PruneTask.Engine.Caching;

/// <summary>The engine's informational version (e.g. <c>0.1.0+&lt;commit&gt;</c>), part of every cache key.</summary>
public static class ToolVersion
{
    public static string Current { get; } = Read();

    private static string Read()
    {
        var assembly = typeof(ToolVersion).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}
