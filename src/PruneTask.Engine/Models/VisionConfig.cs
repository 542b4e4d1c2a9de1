namespace PruneTask.Engine.Models;

/// <summary>Reads the <see cref="ModelConfig"/> of a ViT-style encoder: no vocabulary (<see cref="ModelConfig.VocabSize"/> is 0), no grouped heads.</summary>
internal static class VisionConfig
{
    public static ModelConfig Read(ConfigJson json, string architecture, int intermediateSize)
    {
        var hiddenSize = json.PositiveInt("hidden_size");
        var heads = json.PositiveInt("num_attention_heads");
        if (hiddenSize % heads != 0)
        {
            throw new InvalidModelException($"config.json: hidden_size ({hiddenSize}) must be a multiple of num_attention_heads ({heads}).");
        }

        return new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt("num_hidden_layers"),
            NumHeads = heads,
            NumKeyValueHeads = heads,
            HeadDim = hiddenSize / heads,
            IntermediateSize = intermediateSize,
            VocabSize = 0,
            TieWordEmbeddings = false,
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
    }
}
