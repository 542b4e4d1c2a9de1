namespace PruneTask.Recipes.Model;

/// <summary>The <c>output</c> section; <see cref="Path"/> is absolute (default: out/&lt;recipe name&gt; beside the recipe).</summary>
public sealed record OutputSettings(Located<string> Path, Located<OutputFormat> Format, OutputDtype Dtype)
{
    /// <summary>The <c>onnx</c> setting; null when no model.onnx is written.</summary>
    public OnnxSettings? Onnx { get; init; }
}
