using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>
/// The weights of a Hugging Face model folder: <c>model.safetensors</c>, or the shards that
/// <c>model.safetensors.index.json</c> lists. Every shard is opened and validated up front; tensors load one at a time.
/// </summary>
public sealed class ModelWeights : IRawTensorSource
{
    public const string SingleFileName = "model.safetensors";
    public const string IndexFileName = "model.safetensors.index.json";

    private readonly IReadOnlyList<SafetensorsFile> _files;
    private readonly Dictionary<string, SafetensorsFile> _fileOf;

    private ModelWeights(IReadOnlyList<SafetensorsFile> files, Dictionary<string, SafetensorsFile> fileOf)
    {
        _files = files;
        _fileOf = fileOf;
        Names = files.SelectMany(f => f.Names).ToList();
    }

    /// <summary>Tensor names: shards in ordinal order of their file names, each in data-offset order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The safetensors files read, in the order of <see cref="Names"/>.</summary>
    public IReadOnlyList<string> FilePaths => _files.Select(f => f.FilePath).ToList();

    /// <summary>
    /// Opens a model folder (preferring <c>model.safetensors</c> over the index, as transformers does),
    /// or a given <c>.safetensors</c> file or <c>.index.json</c> file.
    /// </summary>
    /// <exception cref="FileNotFoundException">Neither weights file exists.</exception>
    /// <exception cref="SafetensorsFormatException">A file is invalid, or the index and its shards disagree.</exception>
    public static ModelWeights Open(string path)
    {
        if (Directory.Exists(path))
        {
            var single = Path.Combine(path, SingleFileName);
            var index = Path.Combine(path, IndexFileName);
            if (File.Exists(single))
                return OpenSingle(single);
            if (File.Exists(index))
                return OpenSharded(index);
            throw new FileNotFoundException($"{path}: holds neither {SingleFileName} nor {IndexFileName}", single);
        }
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such model folder or weights file", path);
        return path.EndsWith(".index.json", StringComparison.Ordinal)
            ? OpenSharded(path)
            : OpenSingle(path);
    }

    public bool Contains(string name) => _fileOf.ContainsKey(name);

    public TensorInfo Info(string name) => FileOf(name).Info(name);

    public torch.Tensor Load(string name) => FileOf(name).Load(name);

    public Stream OpenRawBytes(string name) => FileOf(name).OpenRawBytes(name);

    public void Dispose()
    {
        foreach (var file in _files)
            file.Dispose();
    }

    private static ModelWeights OpenSingle(string path)
    {
        var file = SafetensorsFile.Open(path);
        return new ModelWeights([file], file.Names.ToDictionary(n => n, _ => file, StringComparer.Ordinal));
    }

    private static ModelWeights OpenSharded(string indexPath)
    {
        var (files, fileOf) = ShardSet.Open(indexPath);
        return new ModelWeights(files, fileOf);
    }

    private SafetensorsFile FileOf(string name) =>
        _fileOf.TryGetValue(name, out var file)
            ? file
            : throw new KeyNotFoundException($"the model has no tensor named '{name}'");
}
