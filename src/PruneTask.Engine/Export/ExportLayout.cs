using PruneTask.Engine.IO;

namespace PruneTask.Engine.Export;

/// <summary>
/// How an output format departs from the dense layout (same tensors, pruned weights stored with their zeros): the
/// tensors it writes in place of checkpoint tensors, and the files it writes beside the weights.
/// </summary>
public abstract class ExportLayout
{
    /// <summary>Parameters the format stores fewer than the dense layout (removed rows and columns, factored layers).</summary>
    public abstract long PhysicallyRemoved { get; }

    /// <summary>
    /// The entries written in place of checkpoint tensor <paramref name="name"/>, or null to write it as the dense layout
    /// does. <paramref name="dtype"/> is the dtype the output gives the tensor's floating-point values.
    /// </summary>
    public abstract IReadOnlyList<SafetensorsEntry>? Replace(string name, TensorDtype dtype);

    /// <summary>Text files, by name, written after the model folder's own files are copied (a name here replaces the copy).</summary>
    public abstract IReadOnlyDictionary<string, string> Files(string modelDirectory);
}
