using PruneTask.Engine.Caching;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;

namespace PruneTask.Engine.Caching;

/// <summary>
/// Content hashes of a model: each tensor's (so a layer's key depends only on its own bytes), each block's
/// (every tensor under the block's name prefix), the tensors outside the blocks, and the whole model with its config.
/// </summary>
public sealed class ModelFingerprint
{
    public const string PinPrefix = "sha256:";

    private readonly Dictionary<string, string> _tensors;

    private ModelFingerprint(Dictionary<string, string> tensors, string[] blocks, string outer, string whole)
    {
        _tensors = tensors;
        Blocks = blocks;
        Outer = outer;
        Whole = whole;
    }

    /// <summary>Hash of config.json and every tensor: the value a recipe's <c>model.fingerprint</c> pins.</summary>
    public string Whole { get; }

    /// <summary><see cref="Whole"/> as a recipe's <c>model.fingerprint</c> and the lock file write it: <c>sha256:&lt;hex&gt;</c>.</summary>
    public string Pin => PinPrefix + Whole;

    /// <summary>Hash of the tensors outside every block (embeddings, final norm, head).</summary>
    public string Outer { get; }

    public IReadOnlyList<string> Blocks { get; }

    public string Tensor(string name) => _tensors[name];

    public static ModelFingerprint Compute(string modelDirectory, PrunableModel model)
    {
        var tensors = model.Weights.Names.ToDictionary(n => n, n => TensorHasher.Hash(model.Weights, n), StringComparer.Ordinal);
        var prefixes = model.Blocks.Select(BlockPrefix).ToArray();
        var blocks = prefixes.Select(p => Combine("block", tensors.Where(t => t.Key.StartsWith(p, StringComparison.Ordinal)))).ToArray();
        var outer = Combine("outer", tensors.Where(t => !prefixes.Any(p => t.Key.StartsWith(p, StringComparison.Ordinal))));
        var config = ContentHash.OfFile(Path.Combine(modelDirectory, ModelLoader.ConfigFileName));
        var whole = Combine("model", tensors.Append(KeyValuePair.Create("config.json", config)));
        return new ModelFingerprint(tensors, blocks, outer, whole);
    }

    /// <summary>The name prefix shared by a block's tensors, e.g. "model.layers.3.": its linears' common prefix, cut after the block index.</summary>
    public static string BlockPrefix(TransformerBlock block)
    {
        var names = block.Linears.Select(l => l.Spec.Name).ToArray();
        var prefix = names.Aggregate((a, b) => a[..a.Zip(b).TakeWhile(p => p.First == p.Second).Count()]);
        var marker = $".{block.Index}.";
        var end = prefix.LastIndexOf(marker, StringComparison.Ordinal);
        return end >= 0 ? prefix[..(end + marker.Length)] : prefix[..(prefix.LastIndexOf('.') + 1)];
    }

    private static string Combine(string kind, IEnumerable<KeyValuePair<string, string>> hashes)
    {
        var builder = new CacheKeyBuilder(kind, "fingerprint");
        foreach (var (name, hash) in hashes)
        {
            builder.AddHash(name, hash);
        }

        return builder.Build().Hash;
    }
}
