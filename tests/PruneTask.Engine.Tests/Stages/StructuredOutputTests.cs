using System.Text.Json.Nodes;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Stages;

public sealed class StructuredOutputTests : IDisposable
{
    private const float Tolerance = 1e-4f;
    private readonly PipelineWorkspace _workspace = new();

    public static TheoryData<string, string, string> Models => new()
    {
        { "tiny-llama-gqa", "*.mlp.down_proj", "*.self_attn.o_proj" },
        { "tiny-opt", "*.fc2", "*.self_attn.out_proj" },
        { "tiny-phi3", "*.mlp.down_proj", "*.self_attn.o_proj" },
        { "tiny-gpt2", "*.mlp.c_proj", "*.attn.c_proj" },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void The_shrunk_output_is_smaller_and_computes_the_dense_outputs_logits(string fixture, string consumerOfNeurons, string consumerOfHeads)
    {
        var body = Osscar(consumerOfNeurons, consumerOfHeads, keepNeurons: 0.5, keepHeads: 0.25);
        _workspace.Run(_workspace.Recipe(body, fixture: fixture), "dense");

        var shrunk = _workspace.Run(_workspace.Recipe(body, fixture: fixture, format: "shrunk"), "shrunk");

        Assert.All(shrunk.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.True(shrunk.Report.Totals.PhysicallyRemoved > 0);
        using var dense = OutputLogits.Of(Folder("dense"), fixture);
        using var small = OutputLogits.Of(Folder("shrunk"), fixture);
        var difference = OutputLogits.MaxDifference(dense, small);
        Assert.True(difference <= Tolerance, $"max |dense − shrunk| = {difference:E2}");
        var blocks = ShrunkBlocks("shrunk");
        var original = ModelLoader.ReadConfig(RepositoryPaths.Fixture("models", fixture));
        Assert.Equal(original.NumLayers, blocks.Count);
        Assert.All(blocks, b => Assert.Equal(original.IntermediateSize / 2, (int)b["intermediate_size"]!));
        Assert.All(blocks, b => Assert.Equal(1, (int)b["num_attention_heads"]!));
        Assert.All(blocks, b => Assert.Equal(1, (int)b["num_key_value_heads"]!));
        using var model = ModelLoader.Load(Folder("shrunk"));
        Assert.All(model.Linears.Where(l => l.Spec.Role == LinearRole.Up), l => Assert.Equal(original.IntermediateSize / 2, l.Spec.OutFeatures));
    }

    [Fact]
    public void The_dense_output_zeroes_the_producer_rows_of_removed_neurons_and_heads()
    {
        var result = _workspace.Run(_workspace.Recipe(Osscar("*.mlp.down_proj", "*.self_attn.o_proj", keepNeurons: 0.5, keepHeads: 0.5)));

        using var model = ModelLoader.Load(_workspace.Output);
        var headDim = model.Config.HeadDim;
        foreach (var block in model.Blocks)
        {
            using var down = Weight(block, LinearRole.Down);
            var deadNeurons = down.abs().sum([0]).eq(0);
            Assert.Equal(model.Config.IntermediateSize / 2, deadNeurons.count_nonzero().item<long>());
            using var gate = Weight(block, LinearRole.Gate);
            using var up = Weight(block, LinearRole.Up);
            Assert.True(Same(gate.abs().sum(1).eq(0), deadNeurons), "gate rows of removed neurons");
            Assert.True(Same(up.abs().sum(1).eq(0), deadNeurons), "up rows of removed neurons");

            using var output = Weight(block, LinearRole.Output);
            var deadHeads = output.abs().sum([0]).view(-1, headDim).sum(1).eq(0);
            using var query = Weight(block, LinearRole.Query);
            Assert.True(Same(query.abs().sum(1).view(-1, headDim).sum(1).eq(0), deadHeads), "query rows of removed heads");
            using var key = Weight(block, LinearRole.Key);
            var deadKeyValue = deadHeads.view(model.Config.NumKeyValueHeads, -1).all(1);
            Assert.True(Same(key.abs().sum(1).view(-1, headDim).sum(1).eq(0), deadKeyValue), "key rows of key/value heads no query head reads");
        }

        Assert.Contains(result.Report.Layers, l => l.Name.EndsWith("gate_proj", StringComparison.Ordinal) && l.Method == "osscar" && l.AchievedSparsity >= 0.5);
    }

    [Fact]
    public void Keep_one_removes_nothing_and_keeps_the_models_logits()
    {
        var result = _workspace.Run(_workspace.Recipe(Osscar("*.mlp.down_proj", "*.self_attn.o_proj", keepNeurons: 1, keepHeads: 1), format: "shrunk"));

        Assert.Equal(0, result.Report.Totals.PhysicallyRemoved);
        Assert.Empty(ShrunkBlocks("out"));
        using var original = OutputLogits.Of(RepositoryPaths.Fixture("models", "tiny-llama-gqa"), "tiny-llama-gqa");
        using var pruned = OutputLogits.Of(_workspace.Output, "tiny-llama-gqa");
        Assert.True(OutputLogits.MaxDifference(original, pruned) <= Tolerance);
    }

    [Fact]
    public void The_norm_baseline_shrinks_the_mlp_without_calibration()
    {
        var result = _workspace.Run(_workspace.Recipe("""
            layers:
              - match: "*.mlp.down_proj"
                method: norm
                keep: 0.75
            """, format: "shrunk"));

        Assert.Equal(4, result.Report.Layers.Count(l => l.Method == "norm" && l.Target == "dead rows of removed groups"));
        Assert.All(ShrunkBlocks("out"), b => Assert.Equal(120, (int)b["intermediate_size"]!));
    }

    public void Dispose() => _workspace.Dispose();

    private static string Osscar(string neurons, string heads, double keepNeurons, double keepHeads) => $"""
        layers:
          - match: "{neurons}"
            method: osscar
            keep: {keepNeurons.ToString(System.Globalization.CultureInfo.InvariantCulture)}
          - match: "{heads}"
            method: osscar
            keep: {keepHeads.ToString(System.Globalization.CultureInfo.InvariantCulture)}

        """;

    private static TorchSharp.torch.Tensor Weight(TransformerBlock block, LinearRole role) => block.Linears.Single(l => l.Spec.Role == role).ReadWeight();

    private static bool Same(TorchSharp.torch.Tensor a, TorchSharp.torch.Tensor b) => a.eq(b).all().item<bool>();

    private string Folder(string name) => Path.Combine(_workspace.Root, name);

    private List<JsonObject> ShrunkBlocks(string folder)
    {
        var config = JsonNode.Parse(File.ReadAllText(Path.Combine(Folder(folder), "config.json")))!;
        return config[BlockShapes.ConfigKey]!["blocks"]!.AsObject().Select(b => b.Value!.AsObject()).ToList();
    }
}
