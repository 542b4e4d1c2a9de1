using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class ConfigJsonTests
{
    private static readonly ConfigJson Json = ConfigJson.Parse(
        """{"hidden_size": 64, "rope_theta": 10000.0, "flag": true, "name": "x", "zero": 0, "half": 1.5, "scaling": {"factor": 8}, "list": ["A"], "none": null}""");

    [Fact]
    public void Typed_reads_return_values_and_fallbacks()
    {
        Assert.Equal(64, Json.Int("hidden_size"));
        Assert.Equal(10000.0, Json.Double("rope_theta"));
        Assert.True(Json.Bool("flag", false));
        Assert.Equal("x", Json.String("name"));
        Assert.Equal(8, Json.Object("scaling")!.Int("factor"));
        Assert.Equal(["A"], Json.Strings("list"));
        Assert.Equal(7, Json.Int("none", 7));
        Assert.Null(Json.Object("missing"));
        Assert.False(Json.Has("none"));
    }

    [Theory]
    [InlineData("missing", "'missing' is missing")]
    [InlineData("half", "'half' must be an integer")]
    [InlineData("name", "'name' must be a number")]
    [InlineData("zero", "'zero' must be a positive integer")]
    public void Bad_or_missing_sizes_name_the_key(string key, string message)
    {
        var error = Assert.Throws<InvalidModelException>(() => Json.PositiveInt(key));

        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Wrong_kinds_and_broken_json_are_invalid_models()
    {
        Assert.Contains("'name' must be true or false", Assert.Throws<InvalidModelException>(() => Json.Bool("name", true)).Message);
        Assert.Contains("'flag' must be a string", Assert.Throws<InvalidModelException>(() => Json.String("flag")).Message);
        Assert.Contains("not valid JSON", Assert.Throws<InvalidModelException>(() => ConfigJson.Parse("{\"a\": ")).Message);
        Assert.Contains("JSON object", Assert.Throws<InvalidModelException>(() => ConfigJson.Parse("[1]")).Message);
    }
}
