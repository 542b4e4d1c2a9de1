namespace PruneTask.Engine.Methods;

/// <summary>A method cannot compute a layer's result, e.g. a Hessian that stays singular after raising the damping.</summary>
public sealed class NumericalFailureException(string message) : Exception(message);
