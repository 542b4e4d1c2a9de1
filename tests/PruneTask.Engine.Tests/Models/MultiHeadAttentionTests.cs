using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class MultiHeadAttentionTests
{
    [Fact]
    public void The_causal_mask_hides_later_tokens_and_tokens_a_window_behind()
    {
        using var scope = torch.NewDisposeScope();
        var expected = new[,] { { false, true, true, true }, { false, false, true, true }, { true, false, false, true }, { true, true, false, false } };

        var mask = MultiHeadAttention.CausalMask(4, slidingWindow: 2);

        TensorAssert.Equal(torch.tensor(expected), mask);
        Assert.Equal(6, MultiHeadAttention.CausalMask(4, null).sum().item<long>());
    }

    [Fact]
    public void Grouped_heads_read_their_key_value_head_and_the_first_token_sees_only_itself()
    {
        using var scope = torch.NewDisposeScope();
        var generator = new torch.Generator(9);
        var query = torch.randn(1, 4, 3, 2, generator: generator);
        var key = torch.randn(1, 2, 3, 2, generator: generator);
        var value = torch.randn(1, 2, 3, 2, generator: generator);

        var grouped = MultiHeadAttention.Attend(query, key, value, 0.5, causal: true);
        var heads = torch.tensor(new long[] { 0, 0, 1, 1 });
        var repeated = MultiHeadAttention.Attend(query, key.index_select(1, heads), value.index_select(1, heads), 0.5, causal: true);

        TensorAssert.Close(repeated, grouped, 1e-6);
        TensorAssert.Close(value[0, .., 0].repeat_interleave(2, 0).flatten(), grouped[0, 0], 1e-6);
    }
}
