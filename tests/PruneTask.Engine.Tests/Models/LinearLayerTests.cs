using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class LinearLayerTests
{
    [Fact]
    public void ReadWeight_upcasts_the_stored_bf16_weight_to_float32_out_by_in()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-qwen2-bf16");
        var linear = model.Linear("model.layers.1.self_attn.k_proj");

        var weight = linear.ReadWeight();

        Assert.Equal(torch.float32, weight.dtype);
        Assert.Equal([16L, 64L], weight.shape);
        TensorAssert.Equal(model.Weights.Load("model.layers.1.self_attn.k_proj.weight").to(torch.float32), weight);
    }

    [Fact]
    public void A_replaced_weight_survives_release_and_drives_the_block()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        var block = model.Blocks[0];
        var input = torch.randn(1, 5, 64, generator: new torch.Generator(7));
        var dense = block.call(input);
        var down = model.Linear("model.layers.0.mlp.down_proj");
        var original = down.ReadWeight();

        down.ReplaceWeight(original.mul(RootedScalars.Half));
        block.Release();

        Assert.True(down.HasOverride);
        TensorAssert.Equal(original.mul(RootedScalars.Half), down.ReadWeight());
        Assert.False(block.call(input).allclose(dense, rtol: 0, atol: 1e-4));
        down.ReplaceWeight(original);
        Assert.True(block.call(input).allclose(dense, rtol: 0, atol: 1e-6));
    }

    [Fact]
    public void ReplaceWeight_keeps_its_own_copy_and_rejects_a_wrong_shape()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-opt");
        var fc1 = model.Linear("model.decoder.layers.0.fc1");
        var replacement = torch.zeros(256, 64, dtype: torch.float64);

        fc1.ReplaceWeight(replacement);
        replacement.fill_(RootedScalars.One);

        Assert.Equal(0f, fc1.ReadWeight().abs().max().item<float>());
        var error = Assert.Throws<ArgumentException>(() => fc1.ReplaceWeight(torch.zeros(64, 256)));
        Assert.Contains("[256, 64]", error.Message);
    }

    [Fact]
    public void ToStoredWeight_returns_the_checkpoint_tensor_or_the_replacement_in_the_stored_dtype()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-qwen2-bf16");
        var up = model.Linear("model.layers.0.mlp.up_proj");
        TensorAssert.Equal(model.Weights.Load("model.layers.0.mlp.up_proj.weight"), up.ToStoredWeight());

        var replacement = torch.ones(160, 64) / torch.tensor(3f);
        up.ReplaceWeight(replacement);
        var stored = up.ToStoredWeight();

        TensorAssert.Equal(replacement.to(torch.bfloat16), stored);
    }

    [Fact]
    public void An_in_by_out_checkpoint_weight_is_seen_as_out_by_in_and_written_back_as_stored()
    {
        using var scope = torch.NewDisposeScope();
        var stored = torch.tensor(new[] { 0f, 1, 2, 3, 4, 5 }).reshape(3, 2);
        using var source = new InMemoryTensorSource([new("h.0.c_fc.weight", stored)]);
        var spec = new LinearSpec("h.0.c_fc", 0, LinearRole.Up, "h.0.c_fc", 2, 3, TensorDtype.F32, WeightLayout.InOut, false, [new LinearPart(LinearRole.Up, 0, 2)]);
        using var linear = new LinearLayer(spec, source);

        TensorAssert.Equal(stored.t(), linear.ReadWeight());
        TensorAssert.Equal(stored.sum([0]).unsqueeze(0), linear.call(torch.ones(1, 3)));
        linear.ReplaceWeight(torch.ones(2, 3));
        Assert.Equal([3L, 2L], linear.ToStoredWeight().shape);
    }

    [Fact]
    public void The_input_observer_and_forward_pre_hooks_see_each_input()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        var query = model.Linear("model.layers.1.self_attn.q_proj");
        var observed = new List<long[]>();
        var hooked = 0;
        query.InputObserver = (layer, input) => observed.Add(input.shape);
        var hook = query.register_forward_pre_hook((_, _) =>
        {
            hooked++;
            return null!;
        });

        model.Blocks[1].call(torch.zeros(2, 3, 64));
        hook.remove();
        model.Blocks[1].call(torch.zeros(2, 3, 64));

        Assert.Equal([[2L, 3L, 64L], [2L, 3L, 64L]], observed);
        Assert.Equal(1, hooked);
    }
}
