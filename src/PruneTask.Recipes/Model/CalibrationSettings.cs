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
