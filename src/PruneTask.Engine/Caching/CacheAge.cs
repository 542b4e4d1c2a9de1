using System.Globalization;

namespace PruneTask.Engine.Caching;

/// <summary>Parses ages such as <c>7d</c>, <c>12h</c> or <c>30m</c> (a whole number and one unit: days, hours, minutes).</summary>
public static class CacheAge
{
    public static bool TryParse(string? text, out TimeSpan age)
    {
        age = default;
        if (text is not { Length: >= 2 }
            || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        Func<double, TimeSpan>? unit = char.ToLowerInvariant(text[^1]) switch
        {
            'd' => TimeSpan.FromDays,
            'h' => TimeSpan.FromHours,
            'm' => TimeSpan.FromMinutes,
            _ => null,
        };
        if (unit is null || count > 365L * 1000)
        {
            return false;
        }

        age = unit(count);
        return true;
    }

    public static TimeSpan Parse(string text) =>
        TryParse(text, out var age)
            ? age
            : throw new FormatException($"'{text}' is not an age: use a whole number followed by d, h or m (e.g. 7d, 12h, 30m).");
}
