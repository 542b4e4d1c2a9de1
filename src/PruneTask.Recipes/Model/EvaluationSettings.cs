namespace PruneTask.Recipes.Model;

/// <summary>
/// The <c>evaluate</c> section: perplexity on <see cref="Dataset"/> (same formats as calibration) in windows of
/// <see cref="SequenceLength"/> tokens; <see cref="Samples"/> is null for every window of the dataset.
/// </summary>
public sealed record EvaluationSettings(
    Located<string> Dataset,
    TokenizerKind Tokenizer,
    string TextField,
    Located<int>? Samples,
    Located<int> SequenceLength,
    SourcePosition Position);
