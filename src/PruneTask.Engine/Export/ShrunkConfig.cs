using System.Text.Json;
using System.Text.Json.Nodes;
using PruneTask.Engine.Models;
using PruneTask.Engine.Structured;

namespace PruneTask.Engine.Export;

/// <summary>
/// config.json of a shrunk model: the source config with the per-block sizes of every block that lost neurons or heads
/// recorded under <c>prune_shrunk</c> (<see cref="BlockShapes"/> reads them back). The top-level sizes stay those of
/// the unpruned model, so a block not listed keeps them.
/// </summary>
public static class ShrunkConfig
{
    public static string Write(string configText, ModelConfig config, IReadOnlyList<BlockRemoval> removals)
    {
        var root = JsonNode.Parse(configText) as JsonObject ?? throw new InvalidModelException("config.json must hold a JSON object.");
        var shapes = BlockShapes.Read(config);
        var shrunk = root[BlockShapes.ConfigKey] as JsonObject ?? [];
        var blocks = shrunk["blocks"] as JsonObject ?? [];
        foreach (var removal in removals.Where(r => !r.IsEmpty))
        {
            var shape = removal.Apply(shapes[removal.Block]);
            blocks[removal.Block.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new JsonObject
            {
                ["intermediate_size"] = shape.IntermediateSize,
                ["num_attention_heads"] = shape.NumHeads,
                ["num_key_value_heads"] = shape.NumKeyValueHeads,
                ["key_value_head_of"] = new JsonArray([.. shape.KeyValueHeadOf.Select(h => (JsonNode)h)]),
            };
        }

        var ordered = new JsonObject();
        foreach (var (key, value) in blocks.OrderBy(b => int.Parse(b.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList())
        {
            blocks.Remove(key);
            ordered[key] = value;
        }

        root.Remove(BlockShapes.ConfigKey);
        root[BlockShapes.ConfigKey] = new JsonObject { ["format_version"] = BlockShapes.FormatVersion, ["blocks"] = ordered };
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
