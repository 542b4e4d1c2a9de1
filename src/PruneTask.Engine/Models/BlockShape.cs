namespace PruneTask.Engine.Models;

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
