namespace PruneTask.Engine.Methods;

/// <summary>
/// Where magnitude pruning compares weights: over the whole layer (one threshold) or within each output row. The members
/// are the choices of the option <c>scope</c>, by name.
/// </summary>
public enum MagnitudeScope
{
    Layer,
    Row,
}
