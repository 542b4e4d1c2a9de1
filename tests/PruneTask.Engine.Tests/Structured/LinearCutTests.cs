using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Structured;

namespace PruneTask.Engine.Tests.Structured;

public sealed class LinearCutTests
{
    private const int HeadDim = 2;
    private static readonly BlockRemoval Removal = new(0, Neurons: [1, 3], Heads: [0, 1], KeyValueHeads: [0]);

    [Fact]
    public void A_fused_query_key_value_linear_loses_the_rows_of_each_removed_head_in_each_part()
    {
        var qkv = Spec("qkv_proj", LinearRole.Query | LinearRole.Key | LinearRole.Value, 16, 8, [(LinearRole.Query, 8), (LinearRole.Key, 4), (LinearRole.Value, 4)]);

        var cut = LinearCut.For(qkv, Removal, HeadDim);

        Assert.Equal([0L, 1, 2, 3, 8, 9, 12, 13], cut.Rows);
        Assert.Empty(cut.Columns);
    }

    [Fact]
    public void A_fused_gate_up_linear_loses_each_removed_neuron_in_both_halves()
    {
        var gateUp = Spec("gate_up_proj", LinearRole.Gate | LinearRole.Up, 8, 8, [(LinearRole.Gate, 4), (LinearRole.Up, 4)]);

        Assert.Equal([1L, 3, 5, 7], LinearCut.For(gateUp, Removal, HeadDim).Rows);
    }

    [Fact]
    public void Consumers_lose_columns_and_other_linears_nothing()
    {
        Assert.Equal([1L, 3], LinearCut.For(Spec("down_proj", LinearRole.Down, 8, 4, [(LinearRole.Down, 8)]), Removal, HeadDim).Columns);
        Assert.Equal([0L, 1, 2, 3], LinearCut.For(Spec("o_proj", LinearRole.Output, 8, 8, [(LinearRole.Output, 8)]), Removal, HeadDim).Columns);
        Assert.True(LinearCut.For(Spec("o_proj", LinearRole.Output, 8, 8, [(LinearRole.Output, 8)]), new BlockRemoval(0, [1], [], []), HeadDim).IsEmpty);
    }

    [Fact]
    public void Kept_lists_the_surviving_indices_in_order() => Assert.Equal([0L, 2, 4], LinearCut.Kept(5, [3, 1]));

    private static LinearSpec Spec(string name, LinearRole role, long outFeatures, long inFeatures, (LinearRole Role, long Rows)[] parts)
    {
        var first = 0L;
        var ranges = parts.Select(p => { var part = new LinearPart(p.Role, first, p.Rows); first += p.Rows; return part; }).ToArray();
        return new LinearSpec(name, 0, role, name, outFeatures, inFeatures, TensorDtype.F32, WeightLayout.OutIn, false, ranges);
    }
}
