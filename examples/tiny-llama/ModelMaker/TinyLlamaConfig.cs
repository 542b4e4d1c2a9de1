using System.Text.Json.Nodes;

namespace PruneTask.Examples.ModelMaker;

/// <summary>The example model's shape, written out as a Hugging Face LlamaForCausalLM config.json.</summary>
public sealed record TinyLlamaConfig(
    int VocabSize = 256,
    int HiddenSize = 128,
    int IntermediateSize = 352,
    int Layers = 4,
    int Heads = 4,
    int KeyValueHeads = 2,
    double RopeTheta = 10000.0,
    double RmsNormEps = 1e-5,
    int MaxPositions = 256)
{
    public int HeadDim => HiddenSize / Heads;

    public JsonObject ToHuggingFace() => new()
    {
        ["architectures"] = new JsonArray("LlamaForCausalLM"),
        ["model_type"] = "llama",
        ["vocab_size"] = VocabSize,
        ["hidden_size"] = HiddenSize,
        ["intermediate_size"] = IntermediateSize,
        ["num_hidden_layers"] = Layers,
        ["num_attention_heads"] = Heads,
        ["num_key_value_heads"] = KeyValueHeads,
        ["rope_theta"] = RopeTheta,
        ["rms_norm_eps"] = RmsNormEps,
        ["max_position_embeddings"] = MaxPositions,
        ["hidden_act"] = "silu",
        ["attention_bias"] = false,
        ["tie_word_embeddings"] = false,
        ["torch_dtype"] = "float32",
    };
}
