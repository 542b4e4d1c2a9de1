namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Where calibration data comes from and how it is cut (see <see cref="CalibrationDataLoader"/>).
/// <see cref="Tokenizer"/> is <c>bytes</c> or <c>auto</c> (the tokenizer files in <see cref="ModelDirectory"/>); it is
/// used only for text files. <see cref="TextField"/> names the field of each <c>.jsonl</c> line that holds the text.
/// </summary>
public sealed record CalibrationDataOptions
{
    public const string BytesTokenizer = "bytes";

    public const string AutoTokenizer = "auto";

    public required string Path { get; init; }

    public required int Samples { get; init; }

    public required int SequenceLength { get; init; }

    public long Seed { get; init; }

    /// <summary>The model's vocabulary size: every token id must be in [0, VocabSize).</summary>
    public required long VocabSize { get; init; }

    public string Tokenizer { get; init; } = BytesTokenizer;

    public string? ModelDirectory { get; init; }

    public string TextField { get; init; } = "text";

    /// <summary>
    /// Evaluation windows instead of sampled ones: a flat stream is cut into consecutive, non-overlapping windows
    /// from its start, and the first <see cref="Samples"/> are used (all of them when Samples is 0).
    /// </summary>
    public bool Consecutive { get; init; }
}
