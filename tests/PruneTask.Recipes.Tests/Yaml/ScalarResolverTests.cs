using PruneTask.Recipes.Yaml;

namespace PruneTask.Recipes.Tests.Yaml;

public sealed class ScalarResolverTests
{
    [Theory]
    [InlineData("0.5", "Float")]
    [InlineData("1e-3", "Float")]
    [InlineData(".inf", "Float")]
    [InlineData("128", "Integer")]
    [InlineData("-3", "Integer")]
    [InlineData("0x10", "Integer")]
    [InlineData("0o17", "Integer")]
    [InlineData("99999999999999999999", "Float")]
    [InlineData("true", "Boolean")]
    [InlineData("False", "Boolean")]
    [InlineData("yes", "String")]
    [InlineData("2:4", "String")]
    [InlineData("${sparsity}", "String")]
    [InlineData("~", "Null")]
    [InlineData("", "Null")]
    public void Plain_scalars_follow_the_yaml_1_2_core_schema(string text, string expected) =>
        Assert.Equal(Enum.Parse<ScalarKind>(expected), ScalarResolver.Resolve(text, plain: true));

    [Fact]
    public void Quoted_scalars_are_strings() => Assert.Equal(ScalarKind.String, ScalarResolver.Resolve("128", plain: false));

    [Theory]
    [InlineData("0x10", 16)]
    [InlineData("0o17", 15)]
    [InlineData("+42", 42)]
    public void Integers_parse_in_every_base(string text, long expected) => Assert.Equal(expected, ScalarResolver.ParseInteger(text));

    [Fact]
    public void Special_floats_parse() => Assert.Equal(double.NegativeInfinity, ScalarResolver.ParseFloat("-.inf"));
}
