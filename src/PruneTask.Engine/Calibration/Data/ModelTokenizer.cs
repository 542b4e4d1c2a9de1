using Microsoft.ML.Tokenizers;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>A model's own tokenizer loaded through Microsoft.ML.Tokenizers (see <see cref="ModelTokenizerLoader"/>).</summary>
public sealed class ModelTokenizer(Tokenizer tokenizer, string description) : ITextTokenizer
{
    public string Description { get; } = description;

    public IReadOnlyList<int> Encode(string text) => tokenizer.EncodeToIds(text);
}
