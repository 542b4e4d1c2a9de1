using System.Globalization;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Caching;

public sealed class RunKeysTests : IDisposable
{
    private const string Layer = "model.layers.0.self_attn.o_proj";
    private static readonly ComputeEnvironment Environment = new(1, "X64", "avx2", "2.7.1");
    private readonly PrunableModel _model = ModelLoader.Load(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));
    private readonly RunKeys _keys;

    public RunKeysTests() => _keys = new RunKeys(ModelFingerprint.Compute(RepositoryPaths.Fixture("models", "tiny-llama-gqa"), _model), null, Environment);

    [Fact]
    public void A_structured_layer_key_keeps_the_spelling_of_the_untyped_options_so_old_cache_entries_stay_valid()
    {
        var method = new OsscarMethod();
        var options = MethodOptions.For(OsscarMethod.MethodName, new Dictionary<string, object>
        {
            [OptionNames.Damping] = 0.01, [OptionNames.Groups] = "heads", [OptionNames.LocalSearch] = false, [OptionNames.MaxIter] = 20L, [OptionNames.UpdateIter] = 2L,
        });

        var key = _keys.Layer(Layer, method, new PruneTarget.Keep(0.75), options, new LayerGeometry(16, null), null);

        var legacy = Legacy(method, "0.75")
            .Add("option.damping", "0.01").Add("option.group_size", "16").Add("option.local_search", "False").Add("option.max_iter", "20")
            .Add("option.update_iter", "2").Add("option.keep", "0.75");
        Assert.Equal(legacy.Build(), key);
    }

    [Fact]
    public void A_fused_oats_layer_key_names_its_part_rows_and_a_pattern_target_its_pattern()
    {
        var method = new OatsMethod();
        var options = MethodOptions.Defaults(OatsMethod.MethodName);

        var key = _keys.Layer(Layer, method, new PruneTarget.Pattern(new NmPattern(2, 4)), options, new LayerGeometry(1, [64, 32, 32]), null);

        var legacy = Legacy(method, "2:4")
            .Add("option.iterations", "80").Add("option.rank_ratio", "0.25").Add("option.svd", "exact").Add("option.part_rows", "64,32,32");
        Assert.Equal(legacy.Build(), key);
        Assert.NotEqual(key, _keys.Layer(Layer, method, new PruneTarget.Pattern(new NmPattern(2, 4)), options, LayerGeometry.Plain, null));
        Assert.NotEqual(key, _keys.Layer(Layer, method, new PruneTarget.Pattern(new NmPattern(1, 4)), options, new LayerGeometry(1, [64, 32, 32]), null));
    }

    public void Dispose() => _model.Dispose();

    private CacheKeyBuilder Legacy(PruningMethod method, string target) =>
        new CacheKeyBuilder("layer")
            .Add("environment", Environment.KeyText)
            .AddHash("weight", _keys.Model.Tensor(Layer + ".weight"))
            .Add("method", method.Name)
            .Add("algorithm", method.AlgorithmVersion)
            .Add("target", target.ToString(CultureInfo.InvariantCulture));
}
