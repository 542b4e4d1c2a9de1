using System.Globalization;
using System.Text;

namespace PruneTask.Recipes.Matching;

/// <summary>Splits a layer glob into <see cref="GlobToken"/>s, or says what is wrong with it.</summary>
internal static class GlobTokenizer
{
    public static IReadOnlyList<GlobToken>? Tokenize(string text, out string? error)
    {
        var tokens = new List<GlobToken>();
        var literal = new StringBuilder();
        error = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is not ('*' or '?' or '[' or '{' or ']' or '}'))
            {
                literal.Append(c);
                continue;
            }

            Flush(literal, tokens);
            if (c is ']' or '}')
            {
                error = $"'{c}' at character {i + 1} closes nothing.";
                return null;
            }

            var token = c switch
            {
                '*' => new GlobToken.Star(),
                '?' => new GlobToken.AnyCharacter(),
                _ => ReadGroup(text, ref i, out error),
            };
            if (token is null)
            {
                return null;
            }

            tokens.Add(token);
        }

        Flush(literal, tokens);
        return tokens;
    }

    private static void Flush(StringBuilder literal, List<GlobToken> tokens)
    {
        if (literal.Length > 0)
        {
            tokens.Add(new GlobToken.Literal(literal.ToString()));
            literal.Clear();
        }
    }

    /// <summary>A <c>[ranges]</c> or <c>{choices}</c> group starting at <paramref name="i"/>, which moves to its end.</summary>
    private static GlobToken? ReadGroup(string text, ref int i, out string? error)
    {
        var open = i;
        var isRange = text[open] == '[';
        var close = isRange ? ']' : '}';
        var end = text.IndexOf(close, open + 1);
        if (end < 0)
        {
            error = $"'{text[open]}' at character {open + 1} is not closed by '{close}'.";
            return null;
        }

        i = end;
        var body = text[(open + 1)..end];
        var token = isRange ? ParseRanges(body) : ParseChoice(body);
        var hint = isRange
            ? "write whole numbers or ranges such as [0-3] or [0,2,5-7]"
            : "write two or more literal alternatives such as {q,k,v}";
        error = token is null ? $"'{text[open..(end + 1)]}' is not a valid group: {hint}." : null;
        return token;
    }

    private static GlobToken? ParseRanges(string body)
    {
        var ranges = new List<(long, long)>();
        foreach (var item in body.Split(','))
        {
            var bounds = item.Trim().Split('-');
            if (bounds.Length > 2 || !TryParseBound(bounds[0], out var low))
            {
                return null;
            }

            var high = low;
            if (bounds.Length == 2 && (!TryParseBound(bounds[1], out high) || high < low))
            {
                return null;
            }

            ranges.Add((low, high));
        }

        return new GlobToken.NumberRange(ranges);
    }

    private static GlobToken? ParseChoice(string body)
    {
        var options = body.Split(',');
        return options.Length < 2 || options.Any(o => o.Length == 0 || o.IndexOfAny(['*', '?', '[', '{']) >= 0)
            ? null
            : new GlobToken.Choice(options);
    }

    private static bool TryParseBound(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
