namespace PruneTask.Engine.Allocation;

/// <summary>Lowest and highest sparsity a recipe allows a block, applied after an allocation's own clamp.</summary>
public sealed record SparsityBounds(double Min, double Max)
{
    /// <summary>The clamp OWL always applies (docs/methods.md, Decisions 4).</summary>
    public static SparsityBounds Owl { get; } = new(0, 0.99);

    public double Apply(double sparsity)
    {
        if (!(Min >= 0 && Min <= Max && Max < 1))
        {
            throw new ArgumentException($"Sparsity bounds must satisfy 0 <= min <= max < 1, not [{Min}, {Max}].");
        }

        return Math.Clamp(sparsity, Min, Max);
    }
}
