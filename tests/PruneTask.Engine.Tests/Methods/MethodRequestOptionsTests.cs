using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests.Methods;

public sealed class MethodRequestOptionsTests
{
    private static readonly ModelConfig Config = ModelLoader.ReadConfig(RepositoryPaths.Fixture("models", "tiny-llama-gqa"));

    [Fact]
    public void Oats_on_a_fused_linear_gets_the_row_count_of_each_part()
    {
        var qkv = Spec(LinearRole.Query | LinearRole.Key | LinearRole.Value, [new(LinearRole.Query, 0, 64), new(LinearRole.Key, 64, 32), new(LinearRole.Value, 96, 32)]);

        var options = MethodRequestOptions.For(Layer(OatsMethod.MethodName, new PruneTarget(TargetKind.Compression, 0.5)), new LayerTarget(0.5, null), Config, qkv);

        Assert.Equal("64,32,32", options[OatsMethod.PartRowsOption]);
    }

    [Fact]
    public void Unfused_linears_and_other_methods_get_no_part_rows()
    {
        var qkv = Spec(LinearRole.Query | LinearRole.Key, [new(LinearRole.Query, 0, 64), new(LinearRole.Key, 64, 64)]);
        var single = Spec(LinearRole.Query, [new(LinearRole.Query, 0, 128)]);

        Assert.False(MethodRequestOptions.For(Layer("wanda", new PruneTarget(TargetKind.Sparsity, 0.5)), new LayerTarget(0.5, null), Config, qkv).ContainsKey(OatsMethod.PartRowsOption));
        Assert.False(MethodRequestOptions.For(Layer(OatsMethod.MethodName, new PruneTarget(TargetKind.Compression, 0.5)), new LayerTarget(0.5, null), Config, single).ContainsKey(OatsMethod.PartRowsOption));
    }

    private static ResolvedLayer Layer(string method, PruneTarget target) =>
        new(new LayerDescriptor("layer", 0, 128, 64, LayerRoles.AttentionQkv), false, method, new Dictionary<string, object>(), target, null, []);

    private static LinearSpec Spec(LinearRole role, LinearPart[] parts) =>
        new("layer", 0, role, "layer", parts.Sum(p => p.Rows), 64, TensorDtype.F32, WeightLayout.OutIn, false, parts);
}
