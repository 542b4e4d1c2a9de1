using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Diagnostics;

/// <summary>
/// A run cannot go on because of something the recipe points at. <see cref="Code"/> is one of
/// <see cref="RunErrorCodes"/>; <see cref="Position"/> locates the recipe value concerned, when there is one.
/// </summary>
public sealed class PruneRunException(string code, string message, SourcePosition? position = null, Exception? inner = null)
    : Exception(message, inner)
{
    public string Code { get; } = code;

    public SourcePosition? Position { get; } = position;
}
