namespace PruneTask.Recipes.Model;

/// <summary>The <c>output</c> section; <see cref="Path"/> is absolute (default: out/&lt;recipe name&gt; beside the recipe).</summary>
public sealed record OutputSettings(Located<string> Path, Located<OutputFormat> Format, OutputDtype Dtype)
{
    /// <summary>The <c>onnx</c> setting; null when no model.onnx is written.</summary>
    public OnnxSettings? Onnx { get; init; }

    /// <summary>
    /// The folder of the recipe file that wrote <see cref="Path"/> as a relative path, which it was resolved against;
    /// null when the path was absolute, the default, or came from the command line.
    /// </summary>
    public string? RelativeTo { get; init; }
}

/// <summary>The element type of the written weights.</summary>
public enum OutputDtype
{
    /// <summary>Each tensor keeps the type it had in the input.</summary>
    Same,
    Float32,
    Float16,
    BFloat16,
}

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
