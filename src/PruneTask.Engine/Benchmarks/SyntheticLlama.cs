using System.Text.Json.Nodes;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Writes a Hugging Face Llama folder (config.json, model.safetensors) of a given shape with seeded random weights,
/// one tensor at a time, so even a 7B-shaped block needs no more memory than its largest tensor. Linears are
/// N(0, 1/d_in), so activations keep their scale through the blocks; norms are ones.
/// </summary>
public static class SyntheticLlama
{
    public static void Write(string folder, SyntheticLlamaShape shape, long seed)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "config.json"), Config(shape).ToJsonString() + "\n");
        var entries = new List<SafetensorsEntry>
        {
            Random("model.embed_tokens.weight", shape, [shape.Vocabulary, shape.Hidden], 1.0, seed),
        };
        var keyValue = shape.KeyValueHeads * shape.HeadDim;
        for (var b = 0; b < shape.Blocks; b++)
        {
            var layer = $"model.layers.{b}.";
            entries.Add(Ones(layer + "input_layernorm.weight", shape));
            entries.Add(Random(layer + "self_attn.q_proj.weight", shape, [shape.Hidden, shape.Hidden], shape.Hidden, seed));
            entries.Add(Random(layer + "self_attn.k_proj.weight", shape, [keyValue, shape.Hidden], shape.Hidden, seed));
            entries.Add(Random(layer + "self_attn.v_proj.weight", shape, [keyValue, shape.Hidden], shape.Hidden, seed));
            entries.Add(Random(layer + "self_attn.o_proj.weight", shape, [shape.Hidden, shape.Hidden], shape.Hidden, seed));
            entries.Add(Ones(layer + "post_attention_layernorm.weight", shape));
            entries.Add(Random(layer + "mlp.gate_proj.weight", shape, [shape.Intermediate, shape.Hidden], shape.Hidden, seed));
            entries.Add(Random(layer + "mlp.up_proj.weight", shape, [shape.Intermediate, shape.Hidden], shape.Hidden, seed));
            entries.Add(Random(layer + "mlp.down_proj.weight", shape, [shape.Hidden, shape.Intermediate], shape.Intermediate, seed));
        }

        entries.Add(Ones("model.norm.weight", shape));
        entries.Add(Random("lm_head.weight", shape, [shape.Vocabulary, shape.Hidden], shape.Hidden, seed));
        SafetensorsWriter.Write(Path.Combine(folder, ModelWeights.SingleFileName), entries, new Dictionary<string, string> { ["format"] = "pt" });
    }

    /// <summary>Writes <paramref name="samples"/> × <paramref name="length"/> seeded token ids as a flat int64 .bin file.</summary>
    public static void WriteTokens(string path, int vocabulary, int samples, int length, long seed)
    {
        var random = new Random((int)seed);
        using var file = new BinaryWriter(File.Create(path));
        for (var i = 0; i < (long)samples * length; i++)
        {
            file.Write((long)random.Next(vocabulary));
        }
    }

    private static JsonObject Config(SyntheticLlamaShape shape) => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["hidden_size"] = shape.Hidden,
        ["intermediate_size"] = shape.Intermediate,
        ["num_hidden_layers"] = shape.Blocks,
        ["num_attention_heads"] = shape.Heads,
        ["num_key_value_heads"] = shape.KeyValueHeads,
        ["rms_norm_eps"] = 1e-5,
        ["rope_theta"] = 10000.0,
        ["vocab_size"] = shape.Vocabulary,
        ["max_position_embeddings"] = 4096,
        ["tie_word_embeddings"] = false,
        ["hidden_act"] = "silu",
        ["torch_dtype"] = shape.Dtype switch
        {
            TensorDtype.BF16 => "bfloat16",
            TensorDtype.F16 => "float16",
            _ => "float32",
        },
    };

    /// <summary>N(0, 1/fanIn) values, seeded by the seed and the tensor's name, so each tensor is the same whatever the others.</summary>
    private static SafetensorsEntry Random(string name, SyntheticLlamaShape shape, long[] size, double fanIn, long seed) =>
        SafetensorsEntry.Deferred(name, shape.Dtype, size, () =>
        {
            var generator = new torch.Generator((ulong)(seed ^ StableHash(name)));
            return torch.randn(size, generator: generator).mul_(1 / Math.Sqrt(fanIn)).to(shape.Dtype.ToScalarType());
        });

    private static SafetensorsEntry Ones(string name, SyntheticLlamaShape shape) =>
        SafetensorsEntry.Deferred(name, shape.Dtype, [shape.Hidden], () => torch.ones(shape.Hidden, dtype: shape.Dtype.ToScalarType()));

    private static long StableHash(string text) => text.Aggregate(1469598103934665603L, (h, c) => unchecked((h ^ c) * 1099511628211L));
}
