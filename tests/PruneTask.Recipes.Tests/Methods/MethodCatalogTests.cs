using PruneTask.Recipes.Methods;

namespace PruneTask.Recipes.Tests.Methods;

public sealed class MethodCatalogTests
{
    [Fact]
    public void An_option_shared_by_two_methods_is_one_declaration()
    {
        var byName = MethodCatalog.Methods.SelectMany(m => m.Options).GroupBy(o => o.Name);

        Assert.All(byName, group => Assert.Single(group.Distinct(ReferenceEqualityComparer.Instance)));
    }

    [Fact]
    public void Every_method_and_option_says_what_it_does()
    {
        Assert.All(MethodCatalog.Methods, m => Assert.EndsWith(".", m.Description, StringComparison.Ordinal));
        Assert.All(MethodCatalog.AllOptions, o => Assert.EndsWith(".", o.Description, StringComparison.Ordinal));
        Assert.Equal(MethodCatalog.Names.Count, MethodCatalog.Names.Distinct().Count());
    }

    [Fact]
    public void A_method_needs_calibration_exactly_when_it_reads_statistics()
    {
        Assert.Equal(
            ["wanda", "sparsegpt", "oats", "osscar"],
            MethodCatalog.Methods.Where(m => m.NeedsCalibration).Select(m => m.Name));
    }
}
