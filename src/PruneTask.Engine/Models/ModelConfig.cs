namespace PruneTask.Engine.Models;

/// <summary>
/// What every architecture reads from config.json, under one naming scheme whatever the checkpoint calls it
/// (GPT-2's n_embd is <see cref="HiddenSize"/>). Architecture-specific settings stay in <see cref="Json"/>.
/// </summary>
public sealed record ModelConfig
{
    /// <summary>The resolved architecture name, e.g. LlamaForCausalLM.</summary>
    public required string Architecture { get; init; }

    public required string ModelType { get; init; }

    public required int HiddenSize { get; init; }

    public required int NumLayers { get; init; }

    /// <summary>Attention (query) heads per block.</summary>
    public required int NumHeads { get; init; }

    /// <summary>Key/value heads per block; equals <see cref="NumHeads"/> without grouped-query attention.</summary>
    public required int NumKeyValueHeads { get; init; }

    /// <summary>Width of one head: the rows of q/k/v that belong to head h are [h·HeadDim, (h+1)·HeadDim).</summary>
    public required int HeadDim { get; init; }

    /// <summary>Neurons of the MLP (intermediate_size, ffn_dim).</summary>
    public required int IntermediateSize { get; init; }

    public required int VocabSize { get; init; }

    public required bool TieWordEmbeddings { get; init; }

    /// <summary>torch_dtype as config.json states it (informative only: the weights' own dtypes are used).</summary>
    public string? TorchDtype { get; init; }

    public required ConfigJson Json { get; init; }

    /// <summary>Parses config.json text and resolves its architecture (the first entry of "architectures").</summary>
    public static ModelConfig Parse(string json)
    {
        var document = ConfigJson.Parse(json);
        var name = document.Strings("architectures").FirstOrDefault()
            ?? throw new InvalidModelException("config.json: 'architectures' is missing or empty, so the model class is unknown.");
        return Architectures.Find(name).ReadConfig(document, name);
    }

    public static ModelConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidModelException($"{path} does not exist.");
        }

        return Parse(File.ReadAllText(path));
    }
}
