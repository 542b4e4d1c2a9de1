namespace PruneTask.Engine.Caching;

/// <summary>
/// Names one cache entry: the kind of result (a folder name such as <c>statistics</c>) and the SHA-256, in lowercase hex,
/// of the canonical description of everything the result depends on. Build keys with <see cref="CacheKeyBuilder"/>.
/// </summary>
public sealed record CacheKey
{
    public CacheKey(string kind, string hash)
    {
        if (!IsValidKind(kind))
        {
            throw new ArgumentException($"A cache kind is lowercase letters, digits and '-', starting with a letter or digit; got '{kind}'.", nameof(kind));
        }

        if (!ContentHash.IsValid(hash))
        {
            throw new ArgumentException($"A cache key hash is 64 lowercase hex characters; got '{hash}'.", nameof(hash));
        }

        Kind = kind;
        Hash = hash;
    }

    public string Kind { get; }

    public string Hash { get; }

    public static bool IsValidKind(string? kind) =>
        !string.IsNullOrEmpty(kind)
        && char.IsAsciiLetterOrDigit(kind[0])
        && kind.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-');

    /// <summary>Reads the <c>kind/hash</c> form that <see cref="ToString"/> writes.</summary>
    public static CacheKey Parse(string text)
    {
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash < 0
            ? throw new FormatException($"A cache key is 'kind/hash'; got '{text}'.")
            : new CacheKey(text[..slash], text[(slash + 1)..]);
    }

    public override string ToString() => $"{Kind}/{Hash}";
}
