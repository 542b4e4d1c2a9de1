using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Yaml;

/// <summary>
/// A node of a recipe document. Unlike YamlDotNet's own nodes these survive merging (extends), overrides and
/// variable substitution while keeping the position and the folder their text came from.
/// </summary>
internal abstract class RecipeNode(SourcePosition position, string baseDirectory)
{
    public SourcePosition Position { get; } = position;

    /// <summary>The folder that relative paths written in this node resolve against.</summary>
    public string BaseDirectory { get; } = baseDirectory;

    /// <summary>What the node is, as error messages name it ("a mapping", "a number", …).</summary>
    public abstract string Describe();
}

/// <summary>One key of a mapping with its value; the key keeps its own position for "unknown key" errors.</summary>
internal sealed record MappingEntry(ScalarNode Key, RecipeNode Value)
{
    public string Name => Key.Text;
}

/// <summary>The type of a scalar under YAML 1.2's core schema (what editors and the JSON view of a recipe see).</summary>
internal enum ScalarKind
{
    Null,
    Boolean,
    Integer,
    Float,
    String,
}
