using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// Loads calibration sequences. Token files: <c>.bin</c> (flat little-endian int64) and <c>.npy</c> (int32 or int64,
/// 1-D stream or 2-D [rows, sequence_length]). Text files: <c>.txt</c> (one document) and <c>.jsonl</c> (one document
/// per line), tokenized per document and concatenated with no separator tokens.
/// A 2-D array is used as is: its first <c>samples</c> rows, in order. A flat stream of N tokens is cut into windows by
/// <see cref="WindowSampler"/> (overlap allowed; N must be at least one window). Every id in the file, or every id
/// the tokenizer produced, must lie in [0, vocab_size).
/// </summary>
public static class CalibrationDataLoader
{
    public static CalibrationSet Load(CalibrationDataOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(options.Samples);
        if (options.Samples == 0 && !options.Consecutive)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "Sampled windows need a positive sample count.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.SequenceLength);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(options.VocabSize);
        var path = options.Path;
        if (Directory.Exists(path))
        {
            throw new CalibrationDataException(
                path, "is a folder: folders of images are data for image models (ViT, DINOv2); a language model reads a .txt, .jsonl, .bin or .npy file.");
        }

        var bytes = ReadFile(path);
        var tokens = Path.GetExtension(path).ToLowerInvariant() switch
        {
            ".bin" or ".npy" => TokenFileReader.Read(path, bytes),
            ".txt" or ".jsonl" => Tokenize(path, TextDocumentReader.Read(path, bytes, options.TextField), options),
            var other => throw new CalibrationDataException(path, $"has an unknown extension '{other}': use .txt, .jsonl, .bin or .npy."),
        };
        CheckVocabulary(path, tokens, options.VocabSize);
        var ids = tokens.IsSequences ? TakeRows(path, tokens, options)
            : options.Consecutive ? ConsecutiveWindows(path, tokens.Ids, options)
            : CutWindows(path, tokens.Ids, options);
        var samples = ids.Length / options.SequenceLength;
        return new CalibrationSet(ids, samples, options.SequenceLength, Fingerprint(ids, samples, options), ContentHash.Of(bytes), tokens.Ids.LongLength);
    }

    private static byte[] ReadFile(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }

        return bytes.Length > 0 ? bytes : throw new CalibrationDataException(path, "is empty.");
    }

    private static TokenArray Tokenize(string path, IReadOnlyList<string> documents, CalibrationDataOptions options)
    {
        var tokenizer = options.Tokenizer switch
        {
            CalibrationDataOptions.BytesTokenizer => new ByteTokenizer(),
            CalibrationDataOptions.AutoTokenizer => ModelTokenizerLoader.Load(
                options.ModelDirectory ?? throw new CalibrationDataException(path, "tokenizer 'auto' needs the model folder.")),
            var other => throw new CalibrationDataException(path, $"unknown tokenizer '{other}': use 'bytes' or 'auto'."),
        };
        var ids = documents.SelectMany(tokenizer.Encode).Select(id => (long)id).ToArray();
        return new TokenArray(ids, [ids.Length]);
    }

    private static void CheckVocabulary(string path, TokenArray tokens, long vocabSize)
    {
        var ids = tokens.Ids;
        for (var i = 0; i < ids.Length; i++)
        {
            if (ids[i] < 0 || ids[i] >= vocabSize)
            {
                var where = tokens.IsSequences ? $"[{i / tokens.Shape[1]}, {i % tokens.Shape[1]}]" : $"position {i}";
                throw new CalibrationDataException(path, $"token id {ids[i]} at {where} is outside the model's vocabulary [0, {vocabSize}).");
            }
        }
    }

    private static long[] TakeRows(string path, TokenArray tokens, CalibrationDataOptions options)
    {
        var (rows, columns) = (tokens.Shape[0], tokens.Shape[1]);
        if (columns != options.SequenceLength)
        {
            throw new CalibrationDataException(path, $"holds sequences of {columns} tokens, but sequence_length is {options.SequenceLength}.");
        }

        if (rows < options.Samples || rows == 0)
        {
            throw new CalibrationDataException(path, $"holds {rows} sequences, fewer than the {options.Samples} samples asked for.");
        }

        return tokens.Ids[..((options.Samples == 0 ? rows : options.Samples) * columns)];
    }

    private static long[] CutWindows(string path, long[] stream, CalibrationDataOptions options)
    {
        if (stream.Length < options.SequenceLength)
        {
            throw new CalibrationDataException(path, $"holds {stream.Length} tokens, fewer than one window of sequence_length {options.SequenceLength}.");
        }

        return WindowSampler.Cut(stream, options.Samples, options.SequenceLength, options.Seed);
    }

    private static long[] ConsecutiveWindows(string path, long[] stream, CalibrationDataOptions options)
    {
        var available = stream.Length / options.SequenceLength;
        var windows = options.Samples == 0 ? available : options.Samples;
        if (available == 0 || windows > available)
        {
            throw new CalibrationDataException(
                path, $"holds {stream.Length} tokens: {available} windows of {options.SequenceLength}, fewer than the {Math.Max(windows, 1)} asked for.");
        }

        return stream[..(windows * options.SequenceLength)];
    }

    private static string Fingerprint(long[] ids, int samples, CalibrationDataOptions options)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"prunetask-calibration-tokens 1 {samples} {options.SequenceLength}\n")));
        Span<byte> buffer = stackalloc byte[sizeof(long)];
        foreach (var id in ids)
        {
            BinaryPrimitives.WriteInt64LittleEndian(buffer, id);
            hash.AppendData(buffer);
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
