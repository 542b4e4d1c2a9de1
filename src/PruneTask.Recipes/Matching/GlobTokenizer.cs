using System.Globalization;

namespace PruneTask.Recipes.Matching;

/// <summary>Splits a layer glob into <see cref="GlobToken"/>s, or says what is wrong with it.</summary>
internal static class GlobTokenizer
{
    public static IReadOnlyList<GlobToken>? Tokenize(string text, out string? error)
    {
        var tokens = new List<GlobToken>();
        var literal = new System.Text.StringBuilder();
        error = null;
        for (var i = 0; i < text.Length && error is null; i++)
        {
            var c = text[i];
            if (c is not ('*' or '?' or '[' or '{' or ']' or '}'))
            {
                literal.Append(c);
                continue;
            }

            if (literal.Length > 0)
            {
                tokens.Add(new GlobToken.Literal(literal.ToString()));
                literal.Clear();
            }

            switch (c)
            {
                case '*':
                    tokens.Add(new GlobToken.Star());
                    break;
                case '?':
                    tokens.Add(new GlobToken.AnyCharacter());
                    break;
                case '[':
                    tokens.Add(ReadGroup(text, ref i, ']', ParseRanges, ref error));
                    break;
                case '{':
                    tokens.Add(ReadGroup(text, ref i, '}', ParseChoice, ref error));
                    break;
                default:
                    error = $"'{c}' at character {i + 1} closes nothing.";
                    break;
            }
        }

        if (literal.Length > 0)
        {
            tokens.Add(new GlobToken.Literal(literal.ToString()));
        }

        return error is null ? tokens : null;
    }

    private static GlobToken ReadGroup(string text, ref int i, char close, Func<string, GlobToken?> parse, ref string? error)
    {
        var open = i;
        var end = text.IndexOf(close, open + 1);
        if (end < 0)
        {
            error = $"'{text[open]}' at character {open + 1} is not closed by '{close}'.";
            return new GlobToken.Star();
        }

        i = end;
        var token = parse(text[(open + 1)..end]);
        if (token is null)
        {
            var hint = close == ']'
                ? "write whole numbers or ranges such as [0-3] or [0,2,5-7]"
                : "write two or more literal alternatives such as {q,k,v}";
            error = $"'{text[open..(end + 1)]}' is not a valid group: {hint}.";
            return new GlobToken.Star();
        }

        return token;
    }

    private static GlobToken? ParseRanges(string body)
    {
        var ranges = new List<(long, long)>();
        foreach (var item in body.Split(','))
        {
            var bounds = item.Trim().Split('-');
            if (bounds.Length is < 1 or > 2 || !TryParseBound(bounds[0], out var low))
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
