namespace PruneTask.Engine.Models;

/// <summary>A well-formed model whose architecture or setting this tool does not implement.</summary>
public sealed class UnsupportedModelException : ModelException
{
    public UnsupportedModelException(string message)
        : base(message)
    {
    }
}
