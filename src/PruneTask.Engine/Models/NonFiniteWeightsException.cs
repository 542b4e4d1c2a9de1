namespace PruneTask.Engine.Models;

/// <summary>A tensor of the model holds NaN or Inf values; refused when read, so none reaches a result, the cache or an output.</summary>
public sealed class NonFiniteWeightsException(string tensorName)
    : ModelException($"{tensorName} holds NaN or Inf values; a model must have finite weights to be pruned or run.")
{
    public string TensorName { get; } = tensorName;
}
