namespace PruneTask.Engine.Models;

/// <summary>A model whose config.json or weights contradict each other or the architecture (missing tensor, wrong shape, bad value).</summary>
public sealed class InvalidModelException : ModelException
{
    public InvalidModelException(string message)
        : base(message)
    {
    }

    public InvalidModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
