namespace PruneTask.Recipes.Model;

/// <summary>
/// <c>output.onnx</c>: also write model.onnx, checked against the engine with ONNX Runtime. <see cref="Factored"/> says
/// how a factored layer becomes a graph: its sparse part and two thin factors, or one merged dense matrix.
/// </summary>
public sealed record OnnxSettings(OnnxFactoredForm Factored, SourcePosition Position);
