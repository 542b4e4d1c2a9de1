using System.Globalization;

namespace PruneTask.Engine.Models;

/// <summary>
/// The per-block sizes of a model. A model written with <c>format: shrunk</c> records in config.json, under
/// <c>"prune_shrunk": {"format_version": 1, "blocks": {"&lt;index&gt;": {...}}}</c>, the blocks whose sizes differ from
/// the top-level config: <c>intermediate_size</c>, <c>num_attention_heads</c>, <c>num_key_value_heads</c> and
/// <c>key_value_head_of</c> (for each kept query head, in order, the index of the kept key/value head it reads). A
/// missing field keeps the top-level value (docs/output-formats.md).
/// </summary>
public static class BlockShapes
{
    public const string ConfigKey = "prune_shrunk";
    public const int FormatVersion = 1;

    /// <summary>One shape per block, in block order.</summary>
    public static IReadOnlyList<BlockShape> Read(ModelConfig config)
    {
        var even = BlockShape.Even(config.IntermediateSize, config.NumHeads, config.NumKeyValueHeads);
        var shapes = Enumerable.Repeat(even, config.NumLayers).ToArray();
        if (config.Json.Object(ConfigKey) is not { } shrunk)
        {
            return shapes;
        }

        if (shrunk.Int("format_version") != FormatVersion)
        {
            throw new UnsupportedModelException($"config.json: {ConfigKey}.format_version {shrunk.Int("format_version")} is not supported (only {FormatVersion}).");
        }

        var blocks = shrunk.Object("blocks") ?? throw new InvalidModelException($"config.json: '{ConfigKey}.blocks' is missing.");
        foreach (var key in blocks.Keys)
        {
            if (!int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || index >= config.NumLayers)
            {
                throw new InvalidModelException($"config.json: '{ConfigKey}.blocks' names block '{key}', which the model (num_hidden_layers {config.NumLayers}) does not have.");
            }

            shapes[index] = ReadBlock(blocks.Object(key)!, even, key);
        }

        return shapes;
    }

    private static BlockShape ReadBlock(ConfigJson block, BlockShape full, string index)
    {
        var inner = block.Int("intermediate_size", full.IntermediateSize);
        var heads = block.Int("num_attention_heads", full.NumHeads);
        var keyValueHeads = block.Int("num_key_value_heads", full.NumKeyValueHeads);
        var unchangedHeads = heads == full.NumHeads && keyValueHeads == full.NumKeyValueHeads;
        var map = block.Has("key_value_head_of") ? block.Ints("key_value_head_of")
            : unchangedHeads ? full.KeyValueHeadOf
            : throw Invalid(index, "needs key_value_head_of when it changes the number of heads");
        if (inner < 0 || inner > full.IntermediateSize || heads < 0 || heads > full.NumHeads || keyValueHeads < 0 || keyValueHeads > full.NumKeyValueHeads)
        {
            throw Invalid(index, "has sizes outside [0, the config's sizes]");
        }

        if (map.Count != heads || map.Any(kv => kv < 0 || kv >= keyValueHeads))
        {
            throw Invalid(index, $"key_value_head_of must give each of the {heads} query heads a key/value head in [0, {keyValueHeads})");
        }

        return new BlockShape(inner, heads, keyValueHeads, map);
    }

    private static InvalidModelException Invalid(string index, string problem) => new($"config.json: {ConfigKey}.blocks.{index} {problem}.");
}

/// <summary>
/// The sizes of one block that structured pruning can change: MLP neurons, query heads, key/value heads, and the
/// key/value head each query head reads (<see cref="KeyValueHeadOf"/>, indexed by query head). A block of an unpruned
/// model has the config's sizes and grouped-query attention's even grouping: query head h reads key/value head
/// h / (heads / key_value_heads).
/// </summary>
public sealed record BlockShape(int IntermediateSize, int NumHeads, int NumKeyValueHeads, IReadOnlyList<int> KeyValueHeadOf)
{
    public static BlockShape Even(int intermediateSize, int heads, int keyValueHeads) =>
        new(intermediateSize, heads, keyValueHeads, Enumerable.Range(0, heads).Select(h => h / (heads / keyValueHeads)).ToArray());

    /// <summary>Whether every query head h reads key/value head h / (heads / key_value_heads), so attention can repeat key/value heads.</summary>
    public bool IsEvenlyGrouped =>
        NumKeyValueHeads > 0 && NumHeads % NumKeyValueHeads == 0
        && KeyValueHeadOf.Select((kv, h) => kv == h / (NumHeads / NumKeyValueHeads)).All(even => even);
}
