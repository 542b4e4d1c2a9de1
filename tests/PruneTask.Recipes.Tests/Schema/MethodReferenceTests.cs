using PruneTask.Recipes.Methods;
using PruneTask.Recipes.Schema;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests.Schema;

public sealed class MethodReferenceTests
{
    private const string Begin = "<!-- method tables: generated";
    private const string End = "<!-- end of the generated method tables -->";

    [Fact]
    public void The_readme_method_tables_are_the_ones_rendered_from_the_declaration()
    {
        var readme = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var start = readme.IndexOf('\n', readme.IndexOf(Begin, StringComparison.Ordinal)) + 1;
        var documented = readme[start..readme.IndexOf(End, start, StringComparison.Ordinal)];
        var rendered = $"\n{MethodReference.Markdown()}\n";

        Assert.True(
            documented == rendered,
            $"README.md's method tables differ from the method declarations (src/PruneTask.Recipes/Methods); run ./build.sh schema and commit the result. They should read:\n{rendered}");
    }

    [Fact]
    public void Every_method_option_and_target_has_one_row()
    {
        var rows = MethodReference.Markdown().Split('\n').Where(l => l.StartsWith("| `", StringComparison.Ordinal)).Select(l => l.Split('`')[1]).ToList();

        Assert.Equal([.. MethodCatalog.Names, .. MethodCatalog.AllOptions.Select(o => o.Name), .. TargetKinds.All.Select(t => t.Key)], rows);
    }

    [Fact]
    public void An_added_option_gets_a_row_with_its_values_and_default()
    {
        var markdown = MethodReference.Markdown(RecipeSchemaGeneratorTests.WithExampleOption());

        Assert.Contains("| `example_option` | sparsegpt | number in [0, 1) | `0.5` | a test option. |\n", markdown, StringComparison.Ordinal);
        Assert.Contains(", `example_option` | SparseGPT:", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bar_in_a_description_does_not_split_the_cell()
    {
        Assert.Contains(@"score \|W\|·‖x‖", MethodReference.Markdown(), StringComparison.Ordinal);
    }
}
