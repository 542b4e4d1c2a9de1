namespace PruneTask.Recipes.Model;

/// <summary>How pruned weights are written.</summary>
public enum OutputFormat
{
    /// <summary>Same shapes as the input, pruned weights stored as zeros.</summary>
    Dense,

    /// <summary>OATS layers as their sparse and low-rank factors; other layers dense.</summary>
    Factored,

    /// <summary>Structured pruning (osscar, norm) removes the pruned neurons and heads; other layers dense.</summary>
    Shrunk,
}
