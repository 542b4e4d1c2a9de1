namespace PruneTask.Engine.Methods;

/// <summary>
/// OSSCAR as a recipe method (<c>method: osscar</c>) on a consumer layer (fc2/down_proj for neurons, out_proj/o_proj
/// for heads). Options: <c>keep</c> or the request's sparsity, <c>group_size</c> or <c>groups</c> (see
/// <see cref="StructuredTarget"/>), <c>damping</c> (0.01), <c>update_iter</c> (10 for neurons, 2 for heads),
/// <c>local_search</c> (false) and <c>max_iter</c> (20).
/// </summary>
public sealed class OsscarMethod : IPruningMethod
{
    public const string MethodName = "osscar";

    private static readonly OsscarOptions Defaults = new(Keep: 1);

    public string Name => MethodName;

    public int AlgorithmVersion => 1;

    public StatisticsNeed Needs => StatisticsNeed.Gram;

    public PrunedLayer Prune(LayerPruneRequest request)
    {
        var statistics = request.RequireStatistics(MethodName);
        return Osscar.Prune(request.Weight, statistics.RequireGram(MethodName), ReadOptions(request));
    }

    public static OsscarOptions ReadOptions(LayerPruneRequest request)
    {
        var target = StructuredTarget.Read(request, MethodName);
        return new OsscarOptions(
            target.Keep,
            target.GroupSize,
            request.Option("damping", Defaults.Damping),
            request.Options.ContainsKey("update_iter") ? request.Option("update_iter", 1) : null,
            ParseFlag(request.Option("local_search", "false")),
            request.Option("max_iter", Defaults.MaxIter));
    }

    private static bool ParseFlag(string text) =>
        bool.TryParse(text, out var flag) ? flag : throw new ArgumentException($"OSSCAR option 'local_search' must be true or false, not '{text}'.");
}
