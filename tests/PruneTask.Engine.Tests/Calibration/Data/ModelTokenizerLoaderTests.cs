using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.Tests.Caching;

namespace PruneTask.Engine.Tests.Calibration.Data;

public sealed class ModelTokenizerLoaderTests : IDisposable
{
    // Ranked merges chosen so that GPT-2's pre-tokenization ("12345" whole) and Llama 3's ("123", "45") give
    // different tokens: ids 256 "34", 257 "12", 258 "123", 259 "45".
    private static readonly string[] DigitMerges = ["3 4", "1 2", "12 3", "4 5"];
    private static readonly string[] WordMerges = ["h e", "l l", "Ġ w", "he ll", "hell o"];
    private readonly TempFolder _model = new();

    public void Dispose() => _model.Dispose();

    [Fact]
    public void Vocab_json_and_merges_txt_give_gpt2_style_byte_level_bpe()
    {
        TokenizerTestFiles.WriteVocabAndMerges(_model.Path, WordMerges);

        var tokenizer = ModelTokenizerLoader.Load(_model.Path);

        // "hello" (260), " w" (258), then the single bytes o r l d.
        Assert.Equal([260, 258, 'o', 'r', 'l', 'd'], tokenizer.Encode("hello world"));
        Assert.Contains("vocab.json", tokenizer.Description);
    }

    [Fact]
    public void Tokenizer_json_uses_its_split_pattern()
    {
        TokenizerTestFiles.WriteTokenizerJson(_model.Path, DigitMerges, TokenizerTestFiles.Llama3Pattern);

        Assert.Equal([258, 259], ModelTokenizerLoader.Load(_model.Path).Encode("12345"));
    }

    [Fact]
    public void Tokenizer_json_without_a_split_uses_the_gpt2_pattern_and_wins_over_vocab_json()
    {
        TokenizerTestFiles.WriteTokenizerJson(_model.Path, DigitMerges, splitPattern: null);
        TokenizerTestFiles.WriteVocabAndMerges(_model.Path, WordMerges);

        var tokenizer = ModelTokenizerLoader.Load(_model.Path);

        Assert.Equal([257, 256, '5'], tokenizer.Encode("12345"));
        Assert.Contains("tokenizer.json", tokenizer.Description);
    }

    [Fact]
    public void Tokenizer_model_is_read_as_sentencepiece_without_special_tokens()
    {
        TokenizerTestFiles.WriteSentencePieceModel(_model.Path, ["▁", "h", "e", "l", "o", "w", "r", "d", "he", "ll", "hell", "hello", "▁hello", "▁w"]);
        TokenizerTestFiles.WriteTokenizerJson(_model.Path, DigitMerges, splitPattern: null);

        var tokenizer = ModelTokenizerLoader.Load(_model.Path);

        // ids: 15 "▁hello", 16 "▁w", 7 "o", 9 "r", 6 "l", 10 "d"; no <s> (1) in front.
        Assert.Equal([15, 16, 7, 9, 6, 10], tokenizer.Encode("hello world"));
        Assert.Contains("tokenizer.model", tokenizer.Description);
    }

    [Fact]
    public void A_tokenizer_json_that_is_not_byte_level_bpe_is_rejected()
    {
        File.WriteAllText(_model.Combine("tokenizer.json"), "{\"model\": {\"type\": \"WordPiece\", \"vocab\": {}}, \"pre_tokenizer\": null}");

        var error = Assert.Throws<CalibrationDataException>(() => ModelTokenizerLoader.Load(_model.Path));

        Assert.Contains("only byte-level BPE", error.Message);
        Assert.Equal(_model.Combine("tokenizer.json"), error.FilePath);
    }

    [Fact]
    public void An_unreadable_tokenizer_file_is_a_calibration_error()
    {
        File.WriteAllBytes(_model.Combine("tokenizer.model"), [0xff, 0xff, 0xff, 0x07]);

        var error = Assert.Throws<CalibrationDataException>(() => ModelTokenizerLoader.Load(_model.Path));

        Assert.Contains("cannot be read as a tokenizer", error.Message);
    }

    [Fact]
    public void A_folder_without_tokenizer_files_names_the_files_looked_for()
    {
        var error = Assert.Throws<CalibrationDataException>(() => ModelTokenizerLoader.Load(_model.Path));

        Assert.Equal(_model.Path, error.FilePath);
        Assert.Contains("tokenizer.model", error.Message);
        Assert.Contains("tokenizer.json", error.Message);
        Assert.Contains("vocab.json + merges.txt", error.Message);
    }
}
