using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Stages;
using PruneTask.Recipes;
using PruneTask.Tests.Common;
using Serilog.Core;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>
/// The whole pipeline on models with fused linears: a recipe prunes tiny-phi3 (qkv_proj, gate_up_proj) and tiny-gpt2
/// (Conv1D c_attn) with Wanda and SparseGPT, and each fused weight is one layer of the report and of the output.
/// </summary>
public sealed class FusedLayerPipelineTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prune-fused-").FullName;

    public static TheoryData<string, string[]> Models => new()
    {
        { "tiny-phi3", ["model.layers.{0}.self_attn.qkv_proj", "model.layers.{0}.self_attn.o_proj", "model.layers.{0}.mlp.gate_up_proj", "model.layers.{0}.mlp.down_proj"] },
        { "tiny-gpt2", ["transformer.h.{0}.attn.c_attn", "transformer.h.{0}.attn.c_proj", "transformer.h.{0}.mlp.c_fc", "transformer.h.{0}.mlp.c_proj"] },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void Wanda_and_SparseGPT_prune_every_fused_weight_as_one_layer(string fixture, string[] blockLayers)
    {
        var result = Run(fixture, """
            defaults:
              method: wanda
              sparsity: 0.5
            layers:
              - match: "*mlp*"
                method: sparsegpt
            """);

        var expected = Enumerable.Range(0, 2).SelectMany(b => blockLayers.Select(l => string.Format(l, b))).ToArray();
        Assert.Equal(expected, result.Report.Layers.Select(l => l.Name));
        Assert.All(result.Report.Layers, l => Assert.Equal(l.Name.Contains("mlp", StringComparison.Ordinal) ? "sparsegpt" : "wanda", l.Method));
        Assert.All(result.Report.Layers, l => Assert.Equal(0.5, l.AchievedSparsity, 2));
        var fused = result.Report.Layers[0];
        Assert.Equal(fused.ParametersBefore, fused.Shape[0] * fused.Shape[1]);
        using var pruned = ModelLoader.Load(result.OutputDirectory);
        foreach (var linear in pruned.Linears.Where(l => result.Report.Layers.Single(r => r.Name == l.Spec.Name).Method == "wanda"))
        {
            using var weight = linear.ReadWeight();
            Assert.True(weight.eq(0).sum(1).eq(linear.Spec.InFeatures / 2).all().item<bool>(), $"{linear.Spec.Name}: not half of every row zeroed");
        }
    }

    [Theory]
    [MemberData(nameof(Models))]
    public void Oats_prunes_the_fused_weights_and_Osscar_removes_neurons_and_heads_at_their_consumers(string fixture, string[] blockLayers)
    {
        var (attentionOutput, mlpDown) = (blockLayers[1].Replace("{0}", "*", StringComparison.Ordinal), blockLayers[3].Replace("{0}", "*", StringComparison.Ordinal));
        var result = Run(fixture, $"""
            defaults:
              method: oats
              compression: 0.5
              iterations: 4
            layers:
              - match: "{attentionOutput}"
                method: osscar
                keep: 0.75
              - match: "{mlpDown}"
                method: osscar
                keep: 0.75
            """);

        Assert.Equal(8, result.Report.Layers.Count);
        Assert.Equal(["oats", "osscar", "oats", "osscar"], result.Report.Layers.Take(4).Select(l => l.Method));
        using var pruned = ModelLoader.Load(result.OutputDirectory);
        foreach (var consumer in result.Report.Layers.Where(l => l.Method == "osscar"))
        {
            using var weight = pruned.Linear(consumer.Name).ReadWeight();
            var removedColumns = weight.eq(0).all(0).sum().item<long>();
            Assert.Equal(weight.shape[1] / 4, removedColumns);
        }
    }

    private RunResult Run(string fixture, string rules)
    {
        var random = new Random(11);
        var ids = Enumerable.Range(0, 2048).Select(_ => (long)random.Next(128)).ToArray();
        File.WriteAllBytes(Path.Combine(_root, "tokens.bin"), ids.SelectMany(BitConverter.GetBytes).ToArray());
        var recipe = Path.Combine(_root, "recipe.prune.yaml");
        File.WriteAllText(recipe, $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", fixture)}
            calibration:
              dataset: tokens.bin
              samples: 8
              sequence_length: 32
            output:
              path: out
            cache:
              path: cache
            {rules}
            """);
        var loaded = RecipeLoader.Load(recipe);
        Assert.True(loaded.Recipe is not null, string.Join("\n", loaded.Diagnostics));
        var plan = PrunePlan.Build(loaded.Recipe!, strict: false);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Diagnostics));
        return new PruneRunner(new RunOptions(), Logger.None).Run(plan);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
