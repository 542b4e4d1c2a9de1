using PruneTask.Engine.Models;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

public class PrunableModelTests
{
    [Fact]
    public void Loading_reads_no_block_weight_and_a_block_is_materialized_by_use_until_released()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        Assert.All(model.Blocks, block => Assert.False(block.IsMaterialized));

        model.Blocks[1].call(torch.zeros(1, 2, 64));
        Assert.False(model.Blocks[0].IsMaterialized);
        Assert.True(model.Blocks[1].IsMaterialized);

        model.Blocks[1].Release();
        Assert.False(model.Blocks[1].IsMaterialized);
        model.Blocks[0].Materialize();
        Assert.True(model.Blocks[0].IsMaterialized);
    }

    [Fact]
    public void Forward_releases_what_it_read_and_keeps_what_was_already_in_memory()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-opt");
        model.Blocks[0].Materialize();

        model.Forward(torch.zeros(1, 4, dtype: torch.int64));

        Assert.True(model.Blocks[0].IsMaterialized);
        Assert.False(model.Blocks[1].IsMaterialized);
    }

    [Fact]
    public void Running_every_block_repeatedly_does_not_grow_the_live_tensor_count()
    {
        using var model = FixtureModels.Load("tiny-llama-gqa");
        using var ids = torch.randint(0, 128, [2, 8], dtype: torch.int64, generator: new torch.Generator(3));
        long LiveAfterPass()
        {
            using var scope = torch.NewDisposeScope();
            var hidden = model.Embed(ids);
            foreach (var block in model.Blocks)
            {
                hidden = block.call(hidden);
            }

            model.Head(hidden);
            model.Forward(ids);
            return DisposeScopeManager.Statistics.ThreadTotalLiveCount;
        }

        var first = LiveAfterPass();
        var later = Enumerable.Range(0, 3).Select(_ => LiveAfterPass()).ToArray();

        Assert.All(later, live => Assert.Equal(first, live));
    }

    [Fact]
    public void An_input_observer_sees_each_linear_input_until_removed()
    {
        using var scope = torch.NewDisposeScope();
        using var model = FixtureModels.Load("tiny-llama-gqa");
        var inputs = new Dictionary<string, torch.Tensor>();
        var hidden = torch.randn(2, 3, 64, generator: new torch.Generator(5));
        void Observe(LinearLayer linear, torch.Tensor input) => inputs.Add(linear.Spec.Name, input.clone().DetachFromDisposeScope());

        foreach (var linear in model.Linears)
        {
            linear.InputObserver += Observe;
        }

        model.Blocks[0].call(hidden);
        foreach (var linear in model.Linears)
        {
            linear.InputObserver -= Observe;
        }

        model.Blocks[0].call(hidden);
        foreach (var input in inputs.Values)
        {
            scope.Attach(input);
        }

        Assert.Equal(model.Blocks[0].Linears.Select(l => l.Spec.Name), inputs.Keys);
        TensorAssert.Equal(inputs["model.layers.0.self_attn.q_proj"], inputs["model.layers.0.self_attn.v_proj"]);
        TensorAssert.Equal(inputs["model.layers.0.mlp.gate_proj"], inputs["model.layers.0.mlp.up_proj"]);
        Assert.Equal([2L, 3L, 160L], inputs["model.layers.0.mlp.down_proj"].shape);
    }

    [Fact]
    public void A_model_built_from_tensors_in_memory_computes_what_the_folder_does()
    {
        using var scope = torch.NewDisposeScope();
        using var reference = FixtureModels.Reference("tiny-qwen2-bf16");
        using var weights = FixtureModels.InMemory("tiny-qwen2-bf16");
        using var model = ModelLoader.Create(FixtureModels.Config("tiny-qwen2-bf16"), weights);

        TensorAssert.Close(reference.Load("logits"), model.Forward(reference.Load("input_ids")), 1e-4);
    }

    [Fact]
    public void Linear_finds_a_linear_by_checkpoint_name_and_rejects_unknown_names()
    {
        using var model = FixtureModels.Load("tiny-opt");

        Assert.Equal(1, model.Linear("model.decoder.layers.1.fc2").Spec.Block);
        Assert.Equal(12, model.Linears.Count);
        Assert.Contains("model.decoder.layers.1.fc3", Assert.Throws<KeyNotFoundException>(() => model.Linear("model.decoder.layers.1.fc3")).Message);
    }

    [Fact]
    public void Embed_rejects_token_ids_outside_the_vocabulary()
    {
        using var model = FixtureModels.Load("tiny-llama-gqa");
        using var ids = torch.tensor(new long[] { 5, 128 }).reshape(1, 2);

        Assert.Contains("[0, 128)", Assert.Throws<ArgumentException>(() => model.Embed(ids)).Message);
    }
}
