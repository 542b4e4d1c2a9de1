using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// Scalar constants held in static fields. TorchSharp 0.107 reads a <see cref="Scalar"/>'s native handle and then calls
/// libtorch without keeping the managed object alive, so an implicitly converted scalar (<c>t * 0.5</c>,
/// <c>t.masked_fill(m, 0.0)</c>; also <c>a + b</c> and <c>add_(b)</c>, which pass alpha = 1, and <c>square()</c>, which is
/// <c>pow(2)</c>) can be finalized by a concurrent GC in the
/// middle of the call: libtorch then reads freed memory ("Unknown scalar type", or a wrong value). Rooted scalars are
/// never finalized; other values are passed as <c>using var s = x.ToScalar()</c>, which keeps them alive to the end of
/// the scope.
/// </summary>
internal static class RootedScalars
{
    public static readonly Scalar Zero = 0.0.ToScalar();

    public static readonly Scalar Half = 0.5.ToScalar();

    public static readonly Scalar One = 1.0.ToScalar();

    public static readonly Scalar PositiveInfinity = double.PositiveInfinity.ToScalar();

    public static readonly Scalar NegativeInfinity = double.NegativeInfinity.ToScalar();
}
