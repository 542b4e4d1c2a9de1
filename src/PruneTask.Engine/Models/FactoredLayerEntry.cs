namespace PruneTask.Engine.Models;

/// <summary>
/// One factored layer in prune_config.json: its [out, in] shape, the orientation the checkpoint stores its dense
/// weight in (<c>out_in</c>, or <c>in_out</c> for GPT-2's Conv1D; the loader rebuilds <c>&lt;layer&gt;.weight</c> in
/// it), the rank of U·V and the nonzeros of the sparse part. A fused linear lists its <see cref="Parts"/>: each part
/// was decomposed on its own, so U is block-diagonal over the parts' rows.
/// </summary>
public sealed record FactoredLayerEntry(long[] Shape, string StoredLayout, int Rank, long Nnz, IReadOnlyList<FactoredPart>? Parts = null)
{
    public const string OutIn = "out_in";
    public const string InOut = "in_out";
}
