using PruneTask.Engine.Methods;
using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Model;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>The engine's methods against their declarations in <see cref="MethodCatalog"/>.</summary>
public class MethodRegistryTests
{
    public static TheoryData<string> Methods => [.. MethodCatalog.Names];

    [Fact]
    public void The_registry_names_exactly_the_declared_methods()
    {
        Assert.Equal(MethodCatalog.Names.Order(), MethodRegistry.Names.Order());
        Assert.All(MethodRegistry.Names, name => Assert.Equal(name, MethodRegistry.Get(name).Name));
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_method_runs_without_calibration_statistics_exactly_when_its_declaration_reads_none(string name)
    {
        using var scope = torch.NewDisposeScope();
        var declared = MethodCatalog.Find(name)!;
        var request = new LayerPruneRequest(SyntheticLayer.Weight(8, 8, 16), null, Target(declared.Targets[0]), MethodOptions.Defaults(name));

        if (declared.Statistics == StatisticsNeed.None)
        {
            using var result = MethodRegistry.Get(name).Prune(request);
        }
        else
        {
            Assert.Throws<InvalidOperationException>(() => MethodRegistry.Get(name).Prune(request));
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_method_takes_exactly_the_declared_target_kinds_and_removes_groups_exactly_when_declared_structured(string name)
    {
        using var scope = torch.NewDisposeScope();
        var declared = MethodCatalog.Find(name)!;
        var method = MethodRegistry.Get(name);
        var x = SyntheticLayer.Activations(7, 256, 16);
        var weight = SyntheticLayer.Weight(8, 8, 16);
        using var statistics = SyntheticLayer.Statistics(x, 4);

        foreach (var kind in Enum.GetValues<TargetKind>())
        {
            var request = new LayerPruneRequest(weight, statistics, Target(kind), MethodOptions.Defaults(name));
            if (declared.Accepts(kind))
            {
                using var result = method.Prune(request);
                Assert.Equal(declared.IsStructured, result.RemovedGroups is not null);
            }
            else
            {
                Assert.Throws<ArgumentException>(() => method.Prune(request));
            }
        }
    }

    private static PruneTarget Target(TargetKind kind) =>
        kind == TargetKind.Pattern ? new PruneTarget.Pattern(new NmPattern(2, 4)) : PruneTarget.OfFraction(kind, 0.5);
}
