namespace PruneTask.Engine.Models;

/// <summary>
/// Where one family's config.json states the fields of <see cref="ModelConfig"/> (GPT-2 says n_embd for
/// hidden_size), and the one reader of them: the hidden width must split into the heads unless the family reads
/// head_dim, and the query heads into the key/value heads.
/// </summary>
internal sealed record ModelConfigKeys
{
    public string HiddenSize { get; init; } = "hidden_size";

    public string Heads { get; init; } = "num_attention_heads";

    public string Layers { get; init; } = "num_hidden_layers";

    /// <summary>Whether num_key_value_heads is read (grouped-query attention); otherwise each head has its own key and value.</summary>
    public bool KeyValueHeads { get; init; }

    /// <summary>Whether head_dim may set the head width; otherwise it is hidden_size / heads.</summary>
    public bool HeadDim { get; init; }

    /// <summary>The MLP's width from config.json and the hidden width.</summary>
    public Func<ConfigJson, int, int> IntermediateSize { get; init; } = (json, _) => json.PositiveInt("intermediate_size");

    /// <summary>Whether the family has a vocabulary (vocab_size); an image encoder has none and gets 0.</summary>
    public bool Vocabulary { get; init; } = true;

    /// <summary>tie_word_embeddings when config.json does not say.</summary>
    public bool TieWordEmbeddings { get; init; }

    public ModelConfig Read(ConfigJson json, string architecture)
    {
        var hiddenSize = json.PositiveInt(HiddenSize);
        var heads = json.PositiveInt(Heads);
        var keyValueHeads = KeyValueHeads ? json.PositiveInt("num_key_value_heads", heads) : heads;
        if (!HeadDim && hiddenSize % heads != 0)
        {
            throw new InvalidModelException($"config.json: {HiddenSize} ({hiddenSize}) must be a multiple of {Heads} ({heads}).");
        }

        if (heads % keyValueHeads != 0)
        {
            throw new InvalidModelException(
                $"config.json: {Heads} ({heads}) must be a multiple of num_key_value_heads ({keyValueHeads}).");
        }

        return new ModelConfig
        {
            Architecture = architecture,
            ModelType = json.String("model_type") ?? architecture,
            HiddenSize = hiddenSize,
            NumLayers = json.PositiveInt(Layers),
            NumHeads = heads,
            NumKeyValueHeads = keyValueHeads,
            HeadDim = HeadDim ? json.PositiveInt("head_dim", hiddenSize / heads) : hiddenSize / heads,
            IntermediateSize = IntermediateSize(json, hiddenSize),
            VocabSize = Vocabulary ? json.PositiveInt("vocab_size") : 0,
            TieWordEmbeddings = Vocabulary && json.Bool("tie_word_embeddings", TieWordEmbeddings),
            TorchDtype = json.String("torch_dtype"),
            Json = json,
        };
    }
}
