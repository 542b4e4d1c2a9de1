namespace PruneTask.Recipes.Model;

/// <summary>
/// <c>output.onnx</c>: also write model.onnx, checked against the engine with ONNX Runtime. <see cref="Factored"/> says
/// how a factored layer becomes a graph: its sparse part and two thin factors, or one merged dense matrix.
/// </summary>
public sealed record OnnxSettings(OnnxFactoredForm Factored, SourcePosition Position);

/// <summary>How model.onnx computes a factored (OATS) layer.</summary>
public enum OnnxFactoredForm
{
    /// <summary>x·Sᵀ + (x·Vᵀ)·Uᵀ: the sparse part as a dense matrix product, plus the two thin low-rank products.</summary>
    Separate,

    /// <summary>One matrix product with the rebuilt weight U·V + S.</summary>
    Merged,
}
