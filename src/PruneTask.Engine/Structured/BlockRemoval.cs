using PruneTask.Engine.Models;

namespace PruneTask.Engine.Structured;

/// <summary>
/// What structured pruning removed from one block, as indices into the block's current sizes: MLP neurons, query
/// heads, and the key/value heads no kept query head reads any more. With grouped-query attention a key/value head
/// goes only together with every query head that shares it; until then it stays whole.
/// </summary>
public sealed record BlockRemoval(int Block, IReadOnlyList<int> Neurons, IReadOnlyList<int> Heads, IReadOnlyList<int> KeyValueHeads)
{
    public bool IsEmpty => Neurons.Count == 0 && Heads.Count == 0 && KeyValueHeads.Count == 0;

    /// <summary>The block's sizes once the removed neurons and heads are gone; kept heads keep reading the same key/value heads.</summary>
    public BlockShape Apply(BlockShape shape)
    {
        var keptKeyValue = Enumerable.Range(0, shape.NumKeyValueHeads).Except(KeyValueHeads).ToList();
        var keptHeads = Enumerable.Range(0, shape.NumHeads).Except(Heads);
        return new BlockShape(
            shape.IntermediateSize - Neurons.Count,
            shape.NumHeads - Heads.Count,
            keptKeyValue.Count,
            keptHeads.Select(h => keptKeyValue.IndexOf(shape.KeyValueHeadOf[h])).ToArray());
    }
}
