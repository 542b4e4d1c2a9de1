using PruneTask.Engine.Models;

namespace PruneTask.Engine.Structured;

/// <summary>
/// The rows and columns of one linear's [out, in] weight that a <see cref="BlockRemoval"/> makes dead: producer rows
/// of removed neurons (gate, up, fc1) and heads (the query rows of a removed head, the key and value rows of a removed
/// key/value head), and consumer columns (down_proj, fc2, o_proj, out_proj). Row indices follow the linear's
/// <see cref="LinearSpec.Parts"/>, so fused linears (qkv_proj, gate_up_proj) are cut part by part.
/// </summary>
public sealed record LinearCut(IReadOnlyList<long> Rows, IReadOnlyList<long> Columns)
{
    public bool IsEmpty => Rows.Count == 0 && Columns.Count == 0;

    public static LinearCut For(LinearSpec spec, BlockRemoval removal, int headDim)
    {
        var rows = spec.Parts.SelectMany(part => PartRows(part, removal, headDim)).Order().ToArray();
        var columns = spec.Role switch
        {
            LinearRole.Down => removal.Neurons.Select(n => (long)n).ToArray(),
            LinearRole.Output => Spans(removal.Heads, headDim).ToArray(),
            _ => [],
        };
        return new LinearCut(rows, columns);
    }

    /// <summary>The indices in [0, count) that survive the cut of <paramref name="removed"/>, ascending.</summary>
    public static long[] Kept(long count, IReadOnlyList<long> removed)
    {
        var gone = removed.ToHashSet();
        return Enumerable.Range(0, checked((int)count)).Select(i => (long)i).Where(i => !gone.Contains(i)).ToArray();
    }

    private static IEnumerable<long> PartRows(LinearPart part, BlockRemoval removal, int headDim) => part.Role switch
    {
        LinearRole.Gate or LinearRole.Up => removal.Neurons.Select(n => part.FirstRow + n),
        LinearRole.Query => Spans(removal.Heads, headDim).Select(r => part.FirstRow + r),
        LinearRole.Key or LinearRole.Value => Spans(removal.KeyValueHeads, headDim).Select(r => part.FirstRow + r),
        _ => [],
    };

    private static IEnumerable<long> Spans(IEnumerable<int> heads, int headDim) =>
        heads.SelectMany(h => Enumerable.Range(0, headDim).Select(i => (long)h * headDim + i));
}
