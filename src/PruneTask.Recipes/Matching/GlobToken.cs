namespace PruneTask.Recipes.Matching;

/// <summary>One piece of a compiled layer glob.</summary>
internal abstract record GlobToken
{
    /// <summary>Any run of characters, dots included, so <c>model.layers.[0-3].*</c> covers whole blocks.</summary>
    public sealed record Star : GlobToken;

    /// <summary>Exactly one character.</summary>
    public sealed record AnyCharacter : GlobToken;

    public sealed record Literal(string Text) : GlobToken;

    /// <summary>One of several literal alternatives, written <c>{q,k,v}</c>.</summary>
    public sealed record Choice(IReadOnlyList<string> Options) : GlobToken;

    /// <summary>A whole decimal number inside the given inclusive ranges, written <c>[0-3]</c> or <c>[0,2,5-7]</c>.</summary>
    public sealed record NumberRange(IReadOnlyList<(long Low, long High)> Ranges) : GlobToken
    {
        public bool Contains(long value) => Ranges.Any(r => value >= r.Low && value <= r.High);
    }
}
