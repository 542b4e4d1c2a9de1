namespace PruneTask.Engine.Methods;

/// <summary>
/// An N:M pattern as recipes write it: at most <see cref="N"/> nonzeros in every group of <see cref="M"/>
/// consecutive input weights of a row, groups starting at multiples of M (docs/methods.md, Decisions 1).
/// </summary>
public readonly record struct NmPattern(int N, int M)
{
    public int ZeroedPerGroup => M - N;

    public double Sparsity => (double)(M - N) / M;

    public override string ToString() => $"{N}:{M}";

    public static NmPattern Parse(string text)
    {
        var parts = text.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var n) || !int.TryParse(parts[1], out var m) || n < 0 || m <= 0 || n >= m)
        {
            throw new FormatException($"'{text}' is not an N:M pattern with 0 <= N < M (for example \"2:4\").");
        }

        return new NmPattern(n, m);
    }
}
