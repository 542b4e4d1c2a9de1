using PruneTask.Recipes.Reading;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class SuggestionsTests
{
    private static readonly string[] _keys = ["dataset", "tokenizer", "samples", "sequence_length", "seed"];

    [Theory]
    [InlineData("sampels", "samples")]
    [InlineData("Samples", "samples")]
    [InlineData("datset", "dataset")]
    [InlineData("sequence_lenght", "sequence_length")]
    public void Close_misspellings_get_a_suggestion(string word, string expected) =>
        Assert.Equal(expected, Suggestions.Closest(word, _keys));

    [Theory]
    [InlineData("batch_size")]
    [InlineData("x")]
    public void Unrelated_words_get_none(string word) => Assert.Null(Suggestions.Closest(word, _keys));

    [Fact]
    public void Hint_is_a_sentence_or_nothing()
    {
        Assert.Equal(" Did you mean 'seed'?", Suggestions.Hint("sed", _keys));
        Assert.Equal(string.Empty, Suggestions.Hint("batch_size", _keys));
    }
}
