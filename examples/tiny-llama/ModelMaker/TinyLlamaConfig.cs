using System.Text.Json.Nodes;

namespace PruneTask.Examples.ModelMaker;

/// <summary>
/// The example model's shape, written out as a Hugging Face LlamaForCausalLM config.json. With
/// <see cref="OutlierBlocks"/> the model is the outlier variant: in those blocks the inputs of every attention and MLP
/// linear carry a fixed gain of <see cref="OutlierGain"/> on the hidden channels <see cref="OutlierChannels"/>
/// during training (folded into the RMSNorm weights when saved), so those input features are far larger than the rest,
/// as in the outlier features of large language models.
/// </summary>
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

    public IReadOnlyList<int> OutlierBlocks { get; init; } = [];

    public IReadOnlyList<int> OutlierChannels { get; init; } = [];

    public double OutlierGain { get; init; } = 1;

    /// <summary>The outlier variant: blocks 1 and 2 of 4, channels 5, 37, 70 and 101, gain 20.</summary>
    public TinyLlamaConfig WithOutliers() => this with { OutlierBlocks = [1, 2], OutlierChannels = [5, 37, 70, 101], OutlierGain = 20 };

    /// <summary>The fixed per-channel gain of block <paramref name="block"/>'s norms: ones, except the outlier channels of outlier blocks.</summary>
    public float[] InputGain(int block)
    {
        var gain = Enumerable.Repeat(1f, HiddenSize).ToArray();
        if (OutlierBlocks.Contains(block))
        {
            foreach (var channel in OutlierChannels)
            {
                gain[channel] = (float)OutlierGain;
            }
        }

        return gain;
    }

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
