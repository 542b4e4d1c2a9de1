using System.Text;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Tests.Caching;
using TorchSharp;

namespace PruneTask.Engine.Tests.Calibration.Data;

public sealed class CalibrationDataLoaderTests : IDisposable
{
    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string WriteFile(string name, byte[] content)
    {
        var path = _temp.Combine(name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static CalibrationDataOptions Options(string path, int samples = 3, int sequenceLength = 4, long seed = 0, long vocabSize = 1000) =>
        new() { Path = path, Samples = samples, SequenceLength = sequenceLength, Seed = seed, VocabSize = vocabSize };

    [Fact]
    public void Two_dimensional_npy_sequences_are_used_as_is_in_order()
    {
        var ids = Enumerable.Range(0, 20).Select(i => (long)i).ToArray();
        var path = WriteFile("seq.npy", NpyTestFile.Create("<i8", "(5, 4)", NpyTestFile.Int64(ids)));

        var set = CalibrationDataLoader.Load(Options(path, samples: 3, sequenceLength: 4));

        Assert.Equal(ids[..12], set.TokenIds.ToArray());
        Assert.Equal([8L, 9, 10, 11], set.Sequence(2).ToArray());
        Assert.Equal(20, set.SourceTokenCount);
    }

    [Fact]
    public void A_flat_stream_is_cut_into_seeded_windows()
    {
        var stream = Enumerable.Range(0, 300).Select(i => (long)i).ToArray();
        var path = WriteFile("stream.bin", NpyTestFile.Int64(stream));

        var set = CalibrationDataLoader.Load(Options(path, samples: 3, sequenceLength: 20, seed: 7));

        Assert.Equal(WindowSampler.Cut(stream, 3, 20, 7), set.TokenIds.ToArray());
        Assert.Equal(119, set[0, 0]);
        Assert.Equal(201 + 19, set[2, 19]);
    }

    [Fact]
    public void A_flat_npy_stream_is_cut_like_a_bin_stream()
    {
        var stream = Enumerable.Range(0, 50).ToArray();
        var npy = WriteFile("stream.npy", NpyTestFile.Create("<i4", "(50,)", NpyTestFile.Int32(stream)));
        var bin = WriteFile("stream.bin", NpyTestFile.Int64(stream.Select(i => (long)i).ToArray()));

        Assert.Equal(
            CalibrationDataLoader.Load(Options(bin, seed: 3)).TokenIds.ToArray(),
            CalibrationDataLoader.Load(Options(npy, seed: 3)).TokenIds.ToArray());
    }

    [Fact]
    public void Text_is_tokenized_per_document_and_concatenated()
    {
        var txt = WriteFile("c.txt", Encoding.UTF8.GetBytes("abcdefgh"));
        var jsonl = WriteFile("c.jsonl", Encoding.UTF8.GetBytes("{\"text\": \"abcd\"}\n{\"text\": \"efgh\"}\n"));

        var fromTxt = CalibrationDataLoader.Load(Options(txt, samples: 2, sequenceLength: 8, vocabSize: 256));
        var fromJsonl = CalibrationDataLoader.Load(Options(jsonl, samples: 2, sequenceLength: 8, vocabSize: 256));

        Assert.Equal(Enumerable.Repeat("abcdefgh"u8.ToArray().Select(b => (long)b), 2).SelectMany(x => x), fromTxt.TokenIds.ToArray());
        Assert.Equal(fromTxt.TokenIds.ToArray(), fromJsonl.TokenIds.ToArray());
        Assert.Equal(fromTxt.Fingerprint, fromJsonl.Fingerprint);
        Assert.NotEqual(fromTxt.SourceSha256, fromJsonl.SourceSha256);
    }

    [Fact]
    public void The_auto_tokenizer_reads_the_model_folder()
    {
        var model = Directory.CreateDirectory(_temp.Combine("model")).FullName;
        TokenizerTestFiles.WriteVocabAndMerges(model, ["h e", "l l", "Ġ w", "he ll", "hell o"]);
        var txt = WriteFile("c.txt", Encoding.UTF8.GetBytes("hello world"));

        var set = CalibrationDataLoader.Load(Options(txt, samples: 1, sequenceLength: 6, vocabSize: 261) with
        {
            Tokenizer = CalibrationDataOptions.AutoTokenizer,
            ModelDirectory = model,
        });

        Assert.Equal([260L, 258, 'o', 'r', 'l', 'd'], set.TokenIds.ToArray());
    }

    [Fact]
    public void The_fingerprint_follows_the_tokens_not_the_file_name()
    {
        var stream = NpyTestFile.Int64(Enumerable.Range(0, 100).Select(i => (long)i).ToArray());
        var a = CalibrationDataLoader.Load(Options(WriteFile("a.bin", stream), seed: 1));
        var b = CalibrationDataLoader.Load(Options(WriteFile("b.bin", stream), seed: 1));
        var otherSeed = CalibrationDataLoader.Load(Options(WriteFile("c.bin", stream), seed: 2));

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.NotEqual(a.Fingerprint, otherSeed.Fingerprint);
        Assert.Matches("^[0-9a-f]{64}$", a.Fingerprint);
    }

    [Fact]
    public void To_tensor_gives_int64_samples_by_sequence_length()
    {
        var path = WriteFile("seq.npy", NpyTestFile.Create("<i8", "(3, 4)", NpyTestFile.Int64([.. Enumerable.Range(0, 12).Select(i => (long)i)])));
        var set = CalibrationDataLoader.Load(Options(path));

        using var tensor = set.ToTensor();

        Assert.Equal(torch.int64, tensor.dtype);
        Assert.Equal([3L, 4], tensor.shape);
        Assert.Equal(set[2, 3], tensor[2, 3].item<long>());
    }

    [Theory]
    [InlineData("empty.bin", "", "is empty")]
    [InlineData("short.txt", "abc", "holds 3 tokens, fewer than one window of sequence_length 4")]
    [InlineData("data.csv", "1,2,3", "unknown extension '.csv'")]
    [InlineData("big.txt", "abcdé", "token id 195 at position 4 is outside the model's vocabulary [0, 128)")]
    public void Unusable_data_is_a_clear_error_naming_the_file(string name, string content, string message)
    {
        var path = WriteFile(name, Encoding.UTF8.GetBytes(content));

        var error = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(path, vocabSize: 128)));

        Assert.Equal(path, error.FilePath);
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Sequences_with_out_of_vocabulary_ids_name_the_row_and_column()
    {
        var path = WriteFile("seq.npy", NpyTestFile.Create("<i8", "(3, 4)", NpyTestFile.Int64(0, 1, 2, 3, 4, 5, 6, 7, 8, -1, 10, 11)));

        var error = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(path)));

        Assert.Contains("token id -1 at [2, 1]", error.Message);
    }

    [Theory]
    [InlineData(4, 5, "holds sequences of 4 tokens, but sequence_length is 5")]
    [InlineData(6, 4, "holds 3 sequences, fewer than the 6 samples asked for")]
    public void Sequences_must_match_the_requested_shape(int samples, int sequenceLength, string message)
    {
        var path = WriteFile("seq.npy", NpyTestFile.Create("<i8", "(3, 4)", NpyTestFile.Int64(new long[12])));

        var error = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(path, samples, sequenceLength)));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_file_or_unknown_tokenizer_is_a_calibration_error()
    {
        var missing = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(_temp.Combine("nope.bin"))));
        var txt = WriteFile("c.txt", Encoding.UTF8.GetBytes("abcdefgh"));
        var tokenizer = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(txt) with { Tokenizer = "wordpiece" }));
        var noModel = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(txt) with { Tokenizer = "auto" }));

        Assert.Contains("cannot be read", missing.Message);
        Assert.Contains("unknown tokenizer 'wordpiece'", tokenizer.Message);
        Assert.Contains("needs the model folder", noModel.Message);
    }

    [Fact]
    public void A_folder_is_an_error_that_says_folders_are_for_image_models()
    {
        var folder = _temp.Combine("images");
        Directory.CreateDirectory(folder);

        var error = Assert.Throws<CalibrationDataException>(() => CalibrationDataLoader.Load(Options(folder)));

        Assert.Equal(folder, error.FilePath);
        Assert.Contains("folders of images are data for image models", error.Reason, StringComparison.Ordinal);
    }
}
