namespace PruneTask.Engine.Models;

/// <summary>A model folder that cannot be used; the message is one line that names the file, tensor or setting at fault.</summary>
public class ModelException : Exception
{
    public ModelException(string message)
        : base(message)
    {
    }

    public ModelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

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

/// <summary>A well-formed model whose architecture or setting this tool does not implement.</summary>
public sealed class UnsupportedModelException : ModelException
{
    public UnsupportedModelException(string message)
        : base(message)
    {
    }
}

/// <summary>A tensor of the model holds NaN or Inf values; refused when read, so none reaches a result, the cache or an output.</summary>
public sealed class NonFiniteWeightsException(string tensorName)
    : ModelException($"{tensorName} holds NaN or Inf values; a model must have finite weights to be pruned or run.")
{
    public string TensorName { get; } = tensorName;
}
