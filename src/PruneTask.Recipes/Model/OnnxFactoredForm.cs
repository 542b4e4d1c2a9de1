namespace PruneTask.Recipes.Model;

/// <summary>How model.onnx computes a factored (OATS) layer.</summary>
public enum OnnxFactoredForm
{
    /// <summary>x·Sᵀ + (x·Vᵀ)·Uᵀ: the sparse part as a dense matrix product, plus the two thin low-rank products.</summary>
    Separate,

    /// <summary>One matrix product with the rebuilt weight U·V + S.</summary>
    Merged,
}
