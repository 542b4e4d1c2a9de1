using TorchSharp;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>
/// The calibration sequences: <see cref="Samples"/> rows of <see cref="SequenceLength"/> token ids, row-major.
/// <see cref="Fingerprint"/> is the SHA-256 of the canonical text <c>prunetask-calibration-tokens 1 &lt;samples&gt; &lt;sequence_length&gt;\n</c>
/// followed by every id as little-endian int64: it changes exactly when the tokens the model will see change
/// (data file, settings, tokenizer), so it is what cache keys should use. <see cref="SourceSha256"/> hashes the data
/// file's bytes, for the lock file.
/// </summary>
public sealed class CalibrationSet
{
    private readonly long[] _tokenIds;

    internal CalibrationSet(long[] tokenIds, int samples, int sequenceLength, string fingerprint, string sourceSha256, long sourceTokenCount)
    {
        _tokenIds = tokenIds;
        Samples = samples;
        SequenceLength = sequenceLength;
        Fingerprint = fingerprint;
        SourceSha256 = sourceSha256;
        SourceTokenCount = sourceTokenCount;
    }

    public int Samples { get; }

    public int SequenceLength { get; }

    public string Fingerprint { get; }

    public string SourceSha256 { get; }

    /// <summary>How many tokens the source held (the stream length, or rows × columns of a 2-D file).</summary>
    public long SourceTokenCount { get; }

    public ReadOnlySpan<long> TokenIds => _tokenIds;

    public long this[int sample, int position] => _tokenIds[(sample * SequenceLength) + position];

    public ReadOnlySpan<long> Sequence(int sample) => _tokenIds.AsSpan(sample * SequenceLength, SequenceLength);

    /// <summary>An int64 tensor [samples, sequence_length] on the CPU; the caller owns it.</summary>
    public torch.Tensor ToTensor() => torch.tensor(_tokenIds, [Samples, SequenceLength], torch.int64);
}
