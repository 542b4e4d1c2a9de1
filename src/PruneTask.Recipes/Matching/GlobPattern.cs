namespace PruneTask.Recipes.Matching;

/// <summary>
/// A layer-name glob: <c>*</c> any characters (dots too), <c>?</c> one character, <c>[0-3]</c> or <c>[0,2,5-7]</c>
/// a whole number in those ranges, <c>{q,k,v}</c> one of the alternatives; everything else literal. It must match
/// the whole name.
/// </summary>
internal sealed class GlobPattern
{
    private readonly IReadOnlyList<GlobToken> _tokens;

    private GlobPattern(IReadOnlyList<GlobToken> tokens) => _tokens = tokens;

    public static bool TryParse(string text, out GlobPattern? pattern, out string? error)
    {
        var tokens = GlobTokenizer.Tokenize(text, out error);
        pattern = tokens is null ? null : new GlobPattern(tokens);
        return pattern is not null;
    }

    public bool IsMatch(string name) => Match(0, name, 0);

    private bool Match(int token, string name, int at)
    {
        if (token == _tokens.Count)
        {
            return at == name.Length;
        }

        switch (_tokens[token])
        {
            case GlobToken.Star:
                for (var end = at; end <= name.Length; end++)
                {
                    if (Match(token + 1, name, end))
                    {
                        return true;
                    }
                }

                return false;
            case GlobToken.AnyCharacter:
                return at < name.Length && Match(token + 1, name, at + 1);
            case GlobToken.Literal literal:
                return StartsWithAt(name, at, literal.Text) && Match(token + 1, name, at + literal.Text.Length);
            case GlobToken.Choice choice:
                return choice.Options.Any(option => StartsWithAt(name, at, option) && Match(token + 1, name, at + option.Length));
            case GlobToken.NumberRange range:
                return MatchNumber(range, name, at, out var next) && Match(token + 1, name, next);
            default:
                return false;
        }
    }

    private static bool StartsWithAt(string name, int at, string text) =>
        name.AsSpan(at).StartsWith(text, StringComparison.Ordinal);

    private static bool MatchNumber(GlobToken.NumberRange range, string name, int at, out int next)
    {
        next = at;
        if (at > 0 && char.IsAsciiDigit(name[at - 1]))
        {
            return false;
        }

        while (next < name.Length && char.IsAsciiDigit(name[next]))
        {
            next++;
        }

        return next > at && next - at <= 18 && range.Contains(long.Parse(name.AsSpan(at, next - at), provider: null));
    }
}
