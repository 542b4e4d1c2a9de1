using System.Globalization;

namespace PruneTask.Recipes.Model;

/// <summary>
/// A layer's target, one of four kinds: <see cref="Sparsity"/>, an N:M <see cref="Pattern"/>, a <see cref="Keep"/>
/// fraction of neurons or heads, or a <see cref="Compression"/>. The recipe sets it, allocation may vary it per block
/// (keeping its kind), and the method reads it and rejects a kind it does not take.
/// </summary>
public abstract record PruneTarget
{
    private PruneTarget(double fraction) => Fraction = fraction;

    public abstract TargetKind Kind { get; }

    /// <summary>The sparsity, keep or compression fraction; for a pattern, the fraction it zeroes, (M − N) / M.</summary>
    public double Fraction { get; }

    /// <summary>The recipe key of this target: sparsity, pattern, compression or keep.</summary>
    public string Key => KeyOf(Kind);

    /// <summary>True for the targets an allocation strategy such as OWL may vary per block (declared in <see cref="Methods.TargetKinds"/>).</summary>
    public bool IsAllocatable => Methods.TargetKinds.Find(Kind).IsAllocatable;

    /// <summary>A target of one of the fraction kinds (all but <see cref="TargetKind.Pattern"/>).</summary>
    public static PruneTarget OfFraction(TargetKind kind, double fraction) => kind switch
    {
        TargetKind.Sparsity => new Sparsity(fraction),
        TargetKind.Compression => new Compression(fraction),
        TargetKind.Keep => new Keep(fraction),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "A pattern target is an N:M pattern, not a fraction."),
    };

    public static string KeyOf(TargetKind kind) => kind.ToString().ToLowerInvariant();

    /// <summary>The value as a recipe writes it: "2:4" or the fraction.</summary>
    public string ValueText => this is Pattern p ? p.Ratio.ToString() : Fraction.ToString(CultureInfo.InvariantCulture);

    public sealed override string ToString() => $"{Key} {ValueText}";

    /// <summary><c>sparsity</c>: the fraction of weights set to zero.</summary>
    public sealed record Sparsity : PruneTarget
    {
        public Sparsity(double fraction)
            : base(fraction)
        {
        }

        public override TargetKind Kind => TargetKind.Sparsity;
    }

    /// <summary><c>pattern</c>: at most N nonzeros in every group of M inputs of a row.</summary>
    public sealed record Pattern(NmPattern Ratio) : PruneTarget(Ratio.Sparsity)
    {
        public override TargetKind Kind => TargetKind.Pattern;
    }

    /// <summary><c>keep</c>: the fraction of neurons or heads kept.</summary>
    public sealed record Keep : PruneTarget
    {
        public Keep(double fraction)
            : base(fraction)
        {
        }

        public override TargetKind Kind => TargetKind.Keep;
    }

    /// <summary><c>compression</c>: the fraction of parameters removed, low-rank and sparse parts together.</summary>
    public sealed record Compression : PruneTarget
    {
        public Compression(double fraction)
            : base(fraction)
        {
        }

        public override TargetKind Kind => TargetKind.Compression;
    }
}
