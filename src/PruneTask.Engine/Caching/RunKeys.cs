using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Caching;

/// <summary>
/// The cache keys of one run. Activations are named by a key chain: block 0's input depends on the outer weights
/// and the calibration tokens; block l+1's input on block l's input, block l's weights and (in pruned propagation)
/// the keys of block l's pruned layers. Statistics depend on a block's input and weights; a pruned layer on its
/// own weight bytes, its method, options, target and (when the method reads them) its statistics. Every key of a
/// computed result (activations, statistics, layers, evaluations) also names the <see cref="ComputeEnvironment"/>; the
/// model keys only name weights and are built from those keys.
/// </summary>
/// <remarks>A recipe without calibration (magnitude only) has no tokens; its key names that instead of a hash.</remarks>
public sealed class RunKeys(ModelFingerprint model, string? calibrationFingerprint, ComputeEnvironment environment)
{
    /// <summary>
    /// Bumped whenever the statistics gathered from the same input change, so cached ones are recomputed
    /// (3: attention through libtorch's fused kernel rounds the activations differently).
    /// </summary>
    public const int StatisticsVersion = 3;

    public ModelFingerprint Model => model;

    public ComputeEnvironment Environment => environment;

    public CacheKey FirstInput()
    {
        var builder = Computed("activations").AddHash("outer", model.Outer);
        return (calibrationFingerprint is null ? builder.Add("tokens", "none") : builder.AddHash("tokens", calibrationFingerprint)).Build();
    }

    public CacheKey NextInput(CacheKey input, int block, IEnumerable<CacheKey> prunedLayers) =>
        AddLayers(Computed("activations").Add("input", input).AddHash("block", model.Blocks[block]), prunedLayers, "D4").Build();

    /// <summary>The reconstruction errors of a block's pruned layers: measured on its input, its weights replaced by those layers' results.</summary>
    public CacheKey ReconstructionErrors(CacheKey input, int block, IEnumerable<CacheKey> prunedLayers) =>
        AddLayers(Computed("reconstruction").Add("input", input).AddHash("block", model.Blocks[block]), prunedLayers, "D4").Build();

    public CacheKey Statistics(CacheKey input, int block, StatisticsNeed need) =>
        Computed("statistics").Add("input", input).AddHash("block", model.Blocks[block]).Add("need", need.ToString())
            .Add("version", StatisticsVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)).Build();

    /// <remarks>
    /// The parts keep the spelling of the untyped options they replaced, so existing cache entries stay valid: every option
    /// but <c>groups</c>, which the derived <c>option.group_size</c> stands for; a keep target also as <c>option.keep</c>; and a
    /// fused layer's part rows as <c>option.part_rows</c>.
    /// </remarks>
    public CacheKey Layer(string layer, PruningMethod method, PruneTarget target, MethodOptions options, LayerGeometry geometry, CacheKey? statistics)
    {
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var builder = Computed("layer")
            .AddHash("weight", model.Tensor(layer + ".weight"))
            .Add("method", method.Name)
            .Add("algorithm", method.AlgorithmVersion)
            .Add("target", target is PruneTarget.Pattern pattern ? pattern.Ratio.ToString() : target.Fraction.ToString("R", invariant));
        if (statistics is not null)
        {
            builder.Add("statistics", statistics);
        }

        foreach (var (name, value) in options.All)
        {
            if (name == OptionNames.Groups)
            {
                builder.Add("option.group_size", geometry.GroupSize.ToString(invariant));
            }
            else
            {
                builder.Add("option." + name, Convert.ToString(value, invariant) ?? "");
            }
        }

        if (target is PruneTarget.Keep keep)
        {
            builder.Add("option.keep", keep.Fraction.ToString(invariant));
        }

        if (geometry.PartRows is { } rows)
        {
            builder.Add("option.part_rows", string.Join(",", rows.Select(r => r.ToString(invariant))));
        }

        return builder.Build();
    }

    public CacheKey Evaluation(string variant, CacheKey modelState, string dataFingerprint) =>
        Computed("evaluation").Add("variant", variant).Add("model", modelState).AddHash("data", dataFingerprint).Build();

    /// <summary>A key naming the pruned model's weights: the whole dense model plus every pruned layer's key.</summary>
    public CacheKey PrunedModel(IEnumerable<CacheKey> layers) =>
        AddLayers(new CacheKeyBuilder("model").AddHash("dense", model.Whole), layers, "D5").Build();

    /// <summary>A key recording that every weight of the model (as <see cref="ModelFingerprint.Whole"/> names it) was checked finite.</summary>
    public CacheKey FiniteWeights() => new CacheKeyBuilder("finite-weights").AddHash("model", model.Whole).Build();

    public CacheKey DenseModel() => new CacheKeyBuilder("model").AddHash("dense", model.Whole).Build();

    private CacheKeyBuilder Computed(string kind) => new CacheKeyBuilder(kind).Add("environment", environment.KeyText);

    /// <summary>Adds the layers' keys as layer0000, layer0001, … (the digit count in <paramref name="digits"/>, as existing keys spell it).</summary>
    private static CacheKeyBuilder AddLayers(CacheKeyBuilder builder, IEnumerable<CacheKey> layers, string digits)
    {
        var i = 0;
        foreach (var layer in layers)
        {
            builder.Add("layer" + (i++).ToString(digits, System.Globalization.CultureInfo.InvariantCulture), layer);
        }

        return builder;
    }
}
