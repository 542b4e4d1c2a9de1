namespace PruneTask.Engine.Methods;

/// <summary>Where magnitude pruning compares weights: over the whole layer (one threshold) or within each output row.</summary>
public enum MagnitudeScope
{
    Layer,
    Row,
}
