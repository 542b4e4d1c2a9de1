namespace PruneTask.Recipes.Model;

/// <summary>The element type of the written weights.</summary>
public enum OutputDtype
{
    /// <summary>Each tensor keeps the type it had in the input.</summary>
    Same,
    Float32,
    Float16,
    BFloat16,
}
