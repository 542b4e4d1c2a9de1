using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.IO;

/// <summary>
/// The replaced weights of finished blocks, written to a temporary folder (float32, so nothing is rounded) and read
/// back memory-mapped when evaluation or export needs them: memory holds one block's results, not the model's.
/// The folder is deleted on dispose.
/// </summary>
public sealed class SpillFolder : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-spill-").FullName;
    private readonly List<ITensorSource> _files = [];

    /// <summary>Moves every replaced weight <paramref name="block"/> still holds in memory to the folder.</summary>
    public void Spill(TransformerBlock block)
    {
        foreach (var linear in block.Linears.Where(l => l.HoldsReplacement))
        {
            Spill(linear);
        }
    }

    /// <summary>Moves the replaced weight <paramref name="linear"/> holds in memory to a file of its own.</summary>
    public void Spill(LinearLayer linear)
    {
        var path = Path.Combine(_root, $"{_files.Count}.safetensors");
        SafetensorsWriter.Write(path, [SafetensorsEntry.Deferred(linear.Spec.Name, TensorDtype.F32, [linear.Spec.OutFeatures, linear.Spec.InFeatures], linear.ReadWeight)], durable: false);
        var file = SafetensorsFile.Open(path);
        _files.Add(file);
        linear.Spill(file, linear.Spec.Name);
    }

    /// <summary>
    /// Points <paramref name="linear"/>'s weight at <paramref name="name"/> in <paramref name="file"/>, a result stored
    /// already (a cache entry): nothing is written, and the folder closes the file at the end.
    /// </summary>
    public void Adopt(LinearLayer linear, ITensorSource file, string name)
    {
        _files.Add(file);
        linear.UseStoredWeight(file, name);
    }

    public void Dispose()
    {
        foreach (var file in _files)
        {
            file.Dispose();
        }

        _files.Clear();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temporary folder is not worth failing a finished run for.
        }
    }
}
