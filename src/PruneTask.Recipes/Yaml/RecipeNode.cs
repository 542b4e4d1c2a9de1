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
