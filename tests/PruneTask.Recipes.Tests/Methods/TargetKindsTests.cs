using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;

namespace PruneTask.Recipes.Tests.Methods;

public sealed class TargetKindsTests
{
    [Fact]
    public void Every_target_kind_is_declared_once_with_a_range_or_a_syntax()
    {
        Assert.Equal(Enum.GetValues<TargetKind>(), TargetKinds.All.Select(t => t.Kind));
        Assert.All(TargetKinds.All, t => Assert.True(t.Range is null != (t.Syntax is null), t.Key));
    }

    [Theory]
    [InlineData(TargetKind.Sparsity, 0.0, true)]
    [InlineData(TargetKind.Sparsity, 1.0, false)]
    [InlineData(TargetKind.Keep, 0.0, false)]
    [InlineData(TargetKind.Keep, 1.0, true)]
    public void Fraction_ranges_are_as_documented(TargetKind kind, double value, bool accepted)
    {
        Assert.Equal(accepted, TargetKinds.Find(kind).Range!.Contains(value));
    }
}
