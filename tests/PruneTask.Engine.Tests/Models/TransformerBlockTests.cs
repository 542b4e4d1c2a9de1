using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class TransformerBlockTests
{
    [Fact]
    public void A_block_keeps_the_hidden_shape_and_rejects_other_inputs()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-opt-postln-proj");
        var block = model.Blocks[1];

        Assert.Equal([3L, 7L, 64L], block.call(torch.randn(3, 7, 64)).shape);
        Assert.Contains("float32 [batch, tokens, 64]", Assert.Throws<ArgumentException>(() => block.call(torch.randn(3, 7, 32))).Message);
        Assert.Throws<ArgumentException>(() => block.call(torch.randn(3, 7, 64, dtype: torch.float64)));
    }

    [Fact]
    public void A_block_computes_without_gradients_even_on_inputs_that_require_them()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");

        var output = model.Blocks[0].call(torch.randn(1, 2, 64, requires_grad: true));

        Assert.False(output.requires_grad);
    }

    [Fact]
    public void Each_block_is_named_by_its_checkpoint_prefix_and_indexed_in_order()
    {
        using var model = FixtureModels.Load("tiny-opt");

        Assert.Equal(["model.decoder.layers.0", "model.decoder.layers.1"], model.Blocks.Select(b => b.GetName()));
        Assert.Equal([0, 1], model.Blocks.Select(b => b.Index));
    }
}
