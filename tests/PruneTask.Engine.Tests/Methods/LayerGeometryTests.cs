using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Methods;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Methods;

public sealed class LayerGeometryTests
{
    private static readonly ModelConfig Config = ModelLoader.ReadConfig(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));

    [Fact]
    public void Oats_on_a_fused_linear_gets_the_row_count_of_each_part()
    {
        var qkv = Spec([new(LinearRole.Query, 0, 64), new(LinearRole.Key, 64, 32), new(LinearRole.Value, 96, 32)]);

        var geometry = LayerGeometry.For(MethodOptions.Defaults(MethodNames.Oats), Config, qkv);

        Assert.Equal([64L, 32, 32], geometry.PartRows);
    }

    [Fact]
    public void Unfused_linears_and_other_methods_get_no_part_rows()
    {
        var qk = Spec([new(LinearRole.Query, 0, 64), new(LinearRole.Key, 64, 64)]);
        var single = Spec([new(LinearRole.Query, 0, 128)]);

        Assert.Null(LayerGeometry.For(MethodOptions.Defaults(MethodNames.Wanda), Config, qk).PartRows);
        Assert.Null(LayerGeometry.For(MethodOptions.Defaults(MethodNames.Oats), Config, single).PartRows);
    }

    [Fact]
    public void Osscar_groups_of_heads_span_head_dim_inputs_and_neurons_one()
    {
        var output = Spec([new(LinearRole.Output, 0, 64)]);
        var osscar = MethodOptions.Defaults(MethodNames.Osscar);

        Assert.Equal(Config.HeadDim, LayerGeometry.For(osscar.With(OptionNames.Groups, "heads"), Config, output).GroupSize);
        Assert.Equal(1, LayerGeometry.For(osscar.With(OptionNames.Groups, "neurons"), Config, output).GroupSize);
        Assert.Equal(1, LayerGeometry.For(MethodOptions.Defaults(MethodNames.Norm), Config, output).GroupSize);
        Assert.True(Config.HeadDim > 1);
    }

    private static LinearSpec Spec(LinearPart[] parts) =>
        new("layer", 0, parts.Aggregate(default(LinearRole), (role, p) => role | p.Role), "layer", parts.Sum(p => p.Rows), 64, TensorDtype.F32, WeightLayout.OutIn, false, parts);
}
