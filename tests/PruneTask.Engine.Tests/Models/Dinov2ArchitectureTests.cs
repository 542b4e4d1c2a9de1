using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace PruneTask.Engine.Tests.Models;

/// <summary>
/// No DINOv2 fixture exists, so a one-layer model (hidden 8, 2 heads, 4×4 one-channel images, 2×2 patches) is
/// checked against the computation written out step by step: patches cut by hand, attention head by head, layer scales.
/// </summary>
public class Dinov2ArchitectureTests
{
    private const int Hidden = 8;

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_forward_pass_matches_the_hand_written_computation(bool swiGlu)
    {
        using var scope = NewDisposeScope();
        var tensors = Weights(swiGlu, scaled: true);
        using var model = Create(tensors, swiGlu);
        var pixels = randn(2, 1, 4, 4, generator: new Generator(7));

        var expected = Expected(tensors, pixels, swiGlu);

        ReferenceOutputs.AssertClose(expected, model.Forward(pixels), "DINOv2 output");
        Assert.Null(((IImageModel)model).ClassCount);
    }

    [Fact]
    public void With_zero_layer_scales_a_layer_passes_its_input_through()
    {
        using var scope = NewDisposeScope();
        var tensors = Weights(swiGlu: false, scaled: false);
        using var model = Create(tensors, swiGlu: false);
        var hidden = randn(2, 5, Hidden, generator: new Generator(8));

        ReferenceOutputs.AssertClose(hidden, model.Blocks[0].call(hidden), "a layer with zero layer scales");
    }

    [Fact]
    public void The_SwiGLU_input_projection_is_one_fused_gate_and_up_linear()
    {
        using var scope = NewDisposeScope();
        using var model = Create(Weights(swiGlu: true, scaled: true), swiGlu: true);

        var fused = model.Linears.Single(l => l.Spec.Name == "encoder.layer.0.mlp.weights_in").Spec;

        Assert.Equal([new LinearPart(LinearRole.Gate, 0, 16), new LinearPart(LinearRole.Up, 16, 16)], fused.Parts);
    }

    private static PrunableModel Create(Dictionary<string, Tensor> tensors, bool swiGlu)
    {
        var json = $$"""
            {"architectures": ["Dinov2Model"], "hidden_size": 8, "num_hidden_layers": 1, "num_attention_heads": 2,
             "mlp_ratio": {{(swiGlu ? 3 : 2)}}, "image_size": 4, "patch_size": 2, "num_channels": 1, "use_swiglu_ffn": {{(swiGlu ? "true" : "false")}}}
            """;
        return ModelLoader.Create(ModelConfig.Parse(json), new InMemoryTensorSource(tensors));
    }

    /// <summary>Random weights; the MLP is 16 wide either way (2·8, or SwiGLU's 3·8 · 2/3 rounded up to 8s).</summary>
    private static Dictionary<string, Tensor> Weights(bool swiGlu, bool scaled)
    {
        var generator = new Generator(5);
        Tensor R(params long[] shape) => randn(shape, generator: generator).mul(0.5);
        var layer = "encoder.layer.0.";
        var tensors = new Dictionary<string, Tensor>
        {
            ["embeddings.cls_token"] = R(1, 1, Hidden),
            ["embeddings.mask_token"] = R(1, Hidden),
            ["embeddings.position_embeddings"] = R(1, 5, Hidden),
            ["embeddings.patch_embeddings.projection.weight"] = R(Hidden, 1, 2, 2),
            ["embeddings.patch_embeddings.projection.bias"] = R(Hidden),
            ["layernorm.weight"] = R(Hidden).add(1.0),
            ["layernorm.bias"] = R(Hidden),
            [layer + "layer_scale1.lambda1"] = scaled ? R(Hidden) : zeros(Hidden),
            [layer + "layer_scale2.lambda1"] = scaled ? R(Hidden) : zeros(Hidden),
        };
        foreach (var norm in new[] { "norm1", "norm2" })
        {
            tensors[layer + norm + ".weight"] = R(Hidden).add(1.0);
            tensors[layer + norm + ".bias"] = R(Hidden);
        }

        var linears = new List<(string Name, long Out, long In)>
        {
            ("attention.attention.query", Hidden, Hidden), ("attention.attention.key", Hidden, Hidden),
            ("attention.attention.value", Hidden, Hidden), ("attention.output.dense", Hidden, Hidden),
        };
        linears.AddRange(swiGlu ? [("mlp.weights_in", 32, Hidden), ("mlp.weights_out", Hidden, 16)] : [("mlp.fc1", 16, Hidden), ("mlp.fc2", Hidden, 16)]);
        foreach (var (name, outFeatures, inFeatures) in linears)
        {
            tensors[layer + name + ".weight"] = R(outFeatures, inFeatures);
            tensors[layer + name + ".bias"] = R(outFeatures);
        }

        return tensors;
    }

    private static Tensor Expected(Dictionary<string, Tensor> w, Tensor pixels, bool swiGlu)
    {
        var layer = "encoder.layer.0.";
        Tensor Linear(Tensor x, string name) => x.matmul(w[layer + name + ".weight"].t()).add(w[layer + name + ".bias"]);
        Tensor Norm(Tensor x, string name) => nn.functional.layer_norm(x, [Hidden], w[name + ".weight"], w[name + ".bias"], 1e-6);

        var projection = w["embeddings.patch_embeddings.projection.weight"].reshape(Hidden, 4);
        var patches = new List<Tensor>();
        for (var row = 0; row < 2; row++)
        {
            for (var column = 0; column < 2; column++)
            {
                var patch = pixels[.., 0, (2 * row)..(2 * row + 2), (2 * column)..(2 * column + 2)].reshape(2, 4);
                patches.Add(patch.matmul(projection.t()).add(w["embeddings.patch_embeddings.projection.bias"]).unsqueeze(1));
            }
        }

        var x = cat([w["embeddings.cls_token"].expand(2, 1, Hidden), .. patches], 1).add(w["embeddings.position_embeddings"]);
        var normed = Norm(x, layer + "norm1");
        var (q, k, v) = (Linear(normed, "attention.attention.query"), Linear(normed, "attention.attention.key"), Linear(normed, "attention.attention.value"));
        var heads = new List<Tensor>();
        for (var head = 0; head < 2; head++)
        {
            var slice = TensorIndex.Slice(4 * head, 4 * head + 4);
            var scores = q[.., .., slice].matmul(k[.., .., slice].transpose(1, 2)).div(2.0);
            heads.Add(scores.softmax(-1).matmul(v[.., .., slice]));
        }

        var attended = x.add(Linear(cat(heads, -1), "attention.output.dense").mul(w[layer + "layer_scale1.lambda1"]));
        var mlpInput = Norm(attended, layer + "norm2");
        Tensor mlp;
        if (swiGlu)
        {
            var both = Linear(mlpInput, "mlp.weights_in");
            var gate = both[.., .., ..16];
            mlp = Linear(gate.mul(gate.sigmoid()).mul(both[.., .., 16..]), "mlp.weights_out");
        }
        else
        {
            var inner = Linear(mlpInput, "mlp.fc1");
            mlp = Linear(inner.mul(inner.div(Math.Sqrt(2)).erf().add(1.0)).mul(0.5), "mlp.fc2");
        }

        return Norm(attended.add(mlp.mul(w[layer + "layer_scale2.lambda1"])), "layernorm");
    }
}
