using System.Globalization;
using System.Text;

namespace PruneTask.Engine.Caching;

/// <summary>
/// Builds a <see cref="CacheKey"/> from named parts. The key is the SHA-256 of this canonical UTF-8 text:
/// <code>
/// prunetask-cache-key 1\n
/// kind &lt;n&gt; &lt;kind&gt;\n
/// tool &lt;n&gt; &lt;tool version&gt;\n
/// part &lt;n&gt; &lt;name&gt; &lt;type&gt; &lt;n&gt; &lt;value&gt;\n      (one line per part, parts sorted by name, ordinal)
/// </code>
/// where every &lt;n&gt; is the UTF-8 byte length of the field that follows it, so no choice of names or values can make two
/// different descriptions read the same. Types and value spellings: <c>s</c> string as given; <c>i</c> 64-bit integer in
/// invariant decimal; <c>f</c> double in round-trip ("R") invariant form; <c>b</c> <c>true</c>/<c>false</c>;
/// <c>h</c> a SHA-256 in lowercase hex; <c>k</c> an upstream key as <c>kind/hash</c>.
/// Because parts are sorted, the order in which they are added does not matter; a name may be added only once.
/// The tool version (<see cref="ToolVersion.Current"/> unless given) is always included.
/// </summary>
public sealed class CacheKeyBuilder
{
    public const int FormatVersion = 1;

    private readonly string _kind;
    private readonly string _toolVersion;
    private readonly SortedDictionary<string, (char Type, string Value)> _parts = new(StringComparer.Ordinal);

    public CacheKeyBuilder(string kind)
        : this(kind, ToolVersion.Current)
    {
    }

    public CacheKeyBuilder(string kind, string toolVersion)
    {
        if (!CacheKey.IsValidKind(kind))
        {
            throw new ArgumentException($"'{kind}' is not a valid cache kind (lowercase letters, digits, '-').", nameof(kind));
        }

        _kind = kind;
        _toolVersion = toolVersion;
    }

    public CacheKeyBuilder Add(string name, string value) => Set(name, 's', value);

    public CacheKeyBuilder Add(string name, long value) => Set(name, 'i', value.ToString(CultureInfo.InvariantCulture));

    public CacheKeyBuilder Add(string name, double value) => Set(name, 'f', value.ToString("R", CultureInfo.InvariantCulture));

    public CacheKeyBuilder Add(string name, bool value) => Set(name, 'b', value ? "true" : "false");

    /// <summary>Adds the key of a result this one was computed from.</summary>
    public CacheKeyBuilder Add(string name, CacheKey upstream) => Set(name, 'k', upstream.ToString());

    /// <summary>Adds a SHA-256 (64 lowercase hex characters), e.g. from <see cref="ContentHash"/>.</summary>
    public CacheKeyBuilder AddHash(string name, string sha256)
    {
        if (!ContentHash.IsValid(sha256))
        {
            throw new ArgumentException($"Part '{name}': '{sha256}' is not a SHA-256 in lowercase hex.", nameof(sha256));
        }

        return Set(name, 'h', sha256);
    }

    /// <summary>Hashes the bytes and adds the hash.</summary>
    public CacheKeyBuilder AddBytes(string name, ReadOnlySpan<byte> data) => Set(name, 'h', ContentHash.Of(data));

    /// <summary>The text whose SHA-256 is the key (useful when a key is not what you expect).</summary>
    public string CanonicalText()
    {
        var text = new StringBuilder();
        text.Append("prunetask-cache-key ").Append(FormatVersion).Append('\n');
        text.Append("kind ").Append(Field(_kind)).Append('\n');
        text.Append("tool ").Append(Field(_toolVersion)).Append('\n');
        foreach (var (name, (type, value)) in _parts)
        {
            text.Append("part ").Append(Field(name)).Append(' ').Append(type).Append(' ').Append(Field(value)).Append('\n');
        }

        return text.ToString();
    }

    public CacheKey Build() => new(_kind, ContentHash.Of(Encoding.UTF8.GetBytes(CanonicalText())));

    private static string Field(string value) =>
        string.Create(CultureInfo.InvariantCulture, $"{Encoding.UTF8.GetByteCount(value)} {value}");

    private CacheKeyBuilder Set(string name, char type, string value)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(value);
        if (!_parts.TryAdd(name, (type, value)))
        {
            throw new ArgumentException($"Cache key part '{name}' was added twice.", nameof(name));
        }

        return this;
    }
}
