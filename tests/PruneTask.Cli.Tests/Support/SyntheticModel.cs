using System.Text.Json;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Cli.Tests.Support;

/// <summary>A seeded random Llama model folder (config.json + model.safetensors) of a chosen size, and token data for it.</summary>
internal static class SyntheticModel
{
    public const int VocabSize = 128;

    public static void WriteLlama(string folder, int hidden, int intermediate, int layers, int seed = 1)
    {
        Directory.CreateDirectory(folder);
        var heads = hidden / 32;
        var kvHeads = Math.Max(1, heads / 2);
        var config = new Dictionary<string, object>
        {
            ["architectures"] = new[] { "LlamaForCausalLM" },
            ["model_type"] = "llama",
            ["hidden_size"] = hidden,
            ["intermediate_size"] = intermediate,
            ["num_hidden_layers"] = layers,
            ["num_attention_heads"] = heads,
            ["num_key_value_heads"] = kvHeads,
            ["rms_norm_eps"] = 1e-6,
            ["rope_theta"] = 10000.0,
            ["vocab_size"] = VocabSize,
            ["max_position_embeddings"] = 256,
            ["tie_word_embeddings"] = false,
            ["hidden_act"] = "silu",
            ["torch_dtype"] = "float32",
        };
        File.WriteAllText(Path.Combine(folder, "config.json"), JsonSerializer.Serialize(config));

        using var scope = torch.NewDisposeScope();
        using var generator = new torch.Generator((ulong)seed);
        torch.Tensor Random(params long[] shape) => torch.randn(shape, generator: generator) * 0.05f;
        var kvWidth = hidden / heads * kvHeads;
        var tensors = new List<KeyValuePair<string, torch.Tensor>>
        {
            new("model.embed_tokens.weight", Random(VocabSize, hidden)),
            new("model.norm.weight", torch.ones(hidden)),
            new("lm_head.weight", Random(VocabSize, hidden)),
        };
        for (var l = 0; l < layers; l++)
        {
            var p = $"model.layers.{l}.";
            tensors.Add(new(p + "input_layernorm.weight", torch.ones(hidden)));
            tensors.Add(new(p + "post_attention_layernorm.weight", torch.ones(hidden)));
            tensors.Add(new(p + "self_attn.q_proj.weight", Random(hidden, hidden)));
            tensors.Add(new(p + "self_attn.k_proj.weight", Random(kvWidth, hidden)));
            tensors.Add(new(p + "self_attn.v_proj.weight", Random(kvWidth, hidden)));
            tensors.Add(new(p + "self_attn.o_proj.weight", Random(hidden, hidden)));
            tensors.Add(new(p + "mlp.gate_proj.weight", Random(intermediate, hidden)));
            tensors.Add(new(p + "mlp.up_proj.weight", Random(intermediate, hidden)));
            tensors.Add(new(p + "mlp.down_proj.weight", Random(hidden, intermediate)));
        }

        SafetensorsWriter.Write(Path.Combine(folder, "model.safetensors"), tensors);
    }

    /// <summary>Seeded token ids (int64) in [0, vocab).</summary>
    public static void WriteTokens(string path, int count, int seed = 5)
    {
        var random = new Random(seed);
        File.WriteAllBytes(path, Enumerable.Range(0, count).SelectMany(_ => BitConverter.GetBytes((long)random.Next(VocabSize))).ToArray());
    }
}
