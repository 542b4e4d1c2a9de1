using System.Text.Json;
using Microsoft.ML.Tokenizers;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Loads the <c>auto</c> tokenizer from a model folder, trying in order:
/// <c>tokenizer.model</c> (SentencePiece BPE or Unigram: Llama 1/2, Mistral, Phi-3),
/// <c>tokenizer.json</c> (byte-level BPE only: GPT-2, Llama 3, Qwen 2),
/// <c>vocab.json</c> + <c>merges.txt</c> (byte-level BPE with GPT-2's pre-tokenization: GPT-2, OPT).
/// No special tokens (BOS, EOS) are added. Tokenization follows Microsoft.ML.Tokenizers, which can differ from other
/// libraries in rare cases; for exact parity with another tool, give its token ids as a 2-D <c>.npy</c>.
/// </summary>
public static class ModelTokenizerLoader
{
    public static ITextTokenizer Load(string modelDirectory)
    {
        var sentencePiece = Path.Combine(modelDirectory, "tokenizer.model");
        var tokenizerJson = Path.Combine(modelDirectory, "tokenizer.json");
        var vocab = Path.Combine(modelDirectory, "vocab.json");
        var merges = Path.Combine(modelDirectory, "merges.txt");
        if (File.Exists(sentencePiece))
        {
            return Guarded(sentencePiece, () =>
            {
                using var stream = File.OpenRead(sentencePiece);
                return SentencePieceTokenizer.Create(stream, addBeginningOfSentence: false, addEndOfSentence: false);
            });
        }

        if (File.Exists(tokenizerJson))
        {
            return Guarded(tokenizerJson, () => HuggingFaceTokenizerJson.Load(tokenizerJson));
        }

        if (File.Exists(vocab) && File.Exists(merges))
        {
            return Guarded(vocab, () => ByteLevelBpe.Create(vocab, ReadVocabulary(vocab), ReadMerges(merges), ByteLevelBpe.Gpt2Pattern), $"{vocab} + merges.txt");
        }

        throw new CalibrationDataException(
            modelDirectory,
            "found no tokenizer: looked for tokenizer.model (SentencePiece), tokenizer.json (byte-level BPE) and vocab.json + merges.txt. Use tokenizer: bytes or give token ids (.bin, .npy).");
    }

    private static ModelTokenizer Guarded(string path, Func<Tokenizer> create, string? source = null)
    {
        try
        {
            return new ModelTokenizer(create(), $"Microsoft.ML.Tokenizers from {source ?? path}");
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or ArgumentException or FormatException or KeyNotFoundException or IOException or Google.Protobuf.InvalidProtocolBufferException)
        {
            throw new CalibrationDataException(path, $"cannot be read as a tokenizer: {e.Message}", e);
        }
    }

    private static Dictionary<string, int> ReadVocabulary(string path) =>
        JsonSerializer.Deserialize<Dictionary<string, int>>(File.ReadAllBytes(path))
        ?? throw new JsonException("vocab.json holds null.");

    private static IEnumerable<string> ReadMerges(string path) =>
        File.ReadLines(path).Where(line => line.Length > 0 && !line.StartsWith("#version", StringComparison.Ordinal)).ToList();
}
