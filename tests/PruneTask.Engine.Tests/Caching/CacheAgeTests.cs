using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public class CacheAgeTests
{
    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData("0d", 0)]
    [InlineData("2D", 2 * 24 * 60)]
    public void Parses_whole_numbers_of_days_hours_and_minutes(string text, int minutes)
    {
        Assert.Equal(TimeSpan.FromMinutes(minutes), CacheAge.Parse(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("7w")]
    [InlineData("-1d")]
    [InlineData("1.5d")]
    [InlineData(" 7d")]
    [InlineData("99999999999d")]
    public void Rejects_anything_else(string text)
    {
        Assert.False(CacheAge.TryParse(text, out _));
        Assert.Contains("7d", Assert.Throws<FormatException>(() => CacheAge.Parse(text)).Message);
    }
}
