using System.Globalization;
using TorchSharp;

namespace PruneTask.Engine.Methods;

/// <summary>
/// What a method gets to prune one linear layer: its float32 [out, in] weight, the calibration statistics of its
/// input (null when the method needs none), one target (an unstructured <see cref="Sparsity"/> in [0, 1), which
/// compressing methods read as their compression, or an N:M <see cref="Pattern"/>) and the method's own options,
/// keyed by the recipe's snake_case option names and holding primitive values.
/// </summary>
public sealed record LayerPruneRequest(
    torch.Tensor Weight,
    LayerStatistics? Statistics,
    double? Sparsity,
    NmPattern? Pattern,
    IReadOnlyDictionary<string, object> Options)
{
    /// <summary>Stops a long method at its next safe point (SparseGPT between column blocks).</summary>
    public CancellationToken Cancellation { get; init; }

    public LayerStatistics RequireStatistics(string method) =>
        Statistics ?? throw new InvalidOperationException($"{method} needs calibration statistics, and none were given.");

    public double RequireSparsity(string method) =>
        Sparsity ?? throw new InvalidOperationException($"{method} needs a sparsity target, and none was given.");

    public double Option(string key, double fallback) => Read(key, fallback, v => Convert.ToDouble(v, CultureInfo.InvariantCulture));

    public int Option(string key, int fallback) => Read(key, fallback, v => Convert.ToInt32(v, CultureInfo.InvariantCulture));

    public string Option(string key, string fallback) => Read(key, fallback, v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? fallback);

    private T Read<T>(string key, T fallback, Func<object, T> convert)
    {
        if (!Options.TryGetValue(key, out var value))
        {
            return fallback;
        }

        try
        {
            return convert(value);
        }
        catch (Exception e) when (e is FormatException or InvalidCastException or OverflowException)
        {
            throw new ArgumentException($"Option '{key}' has the value '{value}', which is not a {typeof(T).Name}.", e);
        }
    }
}
