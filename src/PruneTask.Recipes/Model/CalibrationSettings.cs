namespace PruneTask.Recipes.Model;

/// <summary>
/// The <c>calibration</c> section. <see cref="Dataset"/> is an absolute path to a .txt, .jsonl (text in
/// <see cref="TextField"/>), or token ids as .bin (int64 little-endian) or .npy; for image models, a folder of PNG/JPEG
/// images (class subfolders for labels), or pixel values as .npy or .safetensors (<c>pixel_values</c>, optional <c>labels</c>).
/// </summary>
public sealed record CalibrationSettings(
    Located<string> Dataset,
    TokenizerKind Tokenizer,
    string TextField,
    Located<int> Samples,
    Located<int> SequenceLength,
    long Seed,
    Propagation Propagation,
    SourcePosition Position)
{
    public const int DefaultSamples = 128;
    public const int DefaultSequenceLength = 2048;
    public const string DefaultTextField = "text";
}

/// <summary>How text datasets become token ids.</summary>
public enum TokenizerKind
{
    /// <summary>The tokenizer files in the model folder, through Microsoft.ML.Tokenizers.</summary>
    Auto,

    /// <summary>One token per UTF-8 byte (ids 0–255), for byte-level models and tests.</summary>
    Bytes,
}

/// <summary>Which activations calibrate block l + 1.</summary>
public enum Propagation
{
    /// <summary>The output of the already pruned block l, as in the papers (the default).</summary>
    Pruned,

    /// <summary>The dense model's activations, so every block is independent.</summary>
    Dense,
}
