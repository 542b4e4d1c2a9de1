namespace PruneTask.Recipes.Model;

/// <summary>
/// The <c>evaluate</c> section: perplexity on <see cref="Dataset"/> (same formats as calibration) in windows of
/// <see cref="SequenceLength"/> tokens; <see cref="Samples"/> is null for every window of the dataset.
/// <see cref="MaxPerplexityIncrease"/> is the quality gate: the run fails when pruned perplexity exceeds
/// dense × (1 + the value).
/// </summary>
public sealed record EvaluationSettings(
    Located<string> Dataset,
    TokenizerKind Tokenizer,
    string TextField,
    Located<int>? Samples,
    Located<int> SequenceLength,
    SourcePosition Position,
    Located<double>? MaxPerplexityIncrease = null);
