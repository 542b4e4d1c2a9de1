using PruneTask.Engine.Models;

namespace PruneTask.Engine.Structured;

/// <summary>
/// Turns the removed input groups of a block's consumer layers (an MLP down projection: one group per neuron; an
/// attention output projection: one group per query head) into the block's <see cref="BlockRemoval"/>.
/// </summary>
public static class RemovalFinder
{
    public static BlockRemoval Find(int block, BlockShape shape, IEnumerable<(LinearSpec Consumer, bool[] RemovedGroups)> consumers)
    {
        var neurons = new SortedSet<int>();
        var heads = new SortedSet<int>();
        foreach (var (consumer, removed) in consumers)
        {
            var (target, count, what) = consumer.Role switch
            {
                LinearRole.Down => (neurons, shape.IntermediateSize, "MLP neurons"),
                LinearRole.Output => (heads, shape.NumHeads, "attention heads"),
                _ => throw new InvalidOperationException($"{consumer.Name}: structured pruning removes input groups of an MLP down projection or an attention output projection only."),
            };
            if (removed.Length != count)
            {
                throw new InvalidOperationException($"{consumer.Name}: {removed.Length} removable groups, but the block has {count} {what}.");
            }

            target.UnionWith(Enumerable.Range(0, removed.Length).Where(g => removed[g]));
        }

        var keyValueHeads = Enumerable.Range(0, shape.NumKeyValueHeads)
            .Where(kv => Enumerable.Range(0, shape.NumHeads).Where(h => shape.KeyValueHeadOf[h] == kv).All(heads.Contains))
            .ToArray();
        return new BlockRemoval(block, neurons.ToArray(), heads.ToArray(), keyValueHeads);
    }
}
