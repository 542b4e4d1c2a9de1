using System.Text;
using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests;

/// <summary>
/// Broken recipes made from valid ones (cut at every byte, or with a YAML indicator inserted at every character):
/// each loads or gives diagnostics, and none throws.
/// </summary>
public sealed class RecipeLoaderFuzzTests : IDisposable
{
    private static readonly char[] _indicators = ['[', ']', '{', '}', ':', ',', '&', '*', '\'', '"', '-', '\t'];

    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string> Valid => CorpusRecipe.Names("valid");

    [Theory]
    [MemberData(nameof(Valid))]
    public void A_recipe_cut_at_any_byte_loads_or_gives_diagnostics(string name)
    {
        var bytes = File.ReadAllBytes(CorpusRecipe.Open("valid", name).Path);
        for (var length = 0; length <= bytes.Length; length++)
        {
            File.WriteAllBytes(Path.Combine(_folder.Root, "cut.prune.yaml"), bytes[..length]);
            AssertLoadsOrReports(Path.Combine(_folder.Root, "cut.prune.yaml"), $"cut at byte {length}");
        }
    }

    [Fact]
    public void A_recipe_with_an_indicator_inserted_anywhere_loads_or_gives_diagnostics()
    {
        // Block and flow style, an anchor and its alias.
        var text = File.ReadAllText(CorpusRecipe.Open("valid", "v19-anchors.prune.yaml").Path);
        foreach (var indicator in _indicators)
        {
            for (var at = 0; at <= text.Length; at++)
            {
                File.WriteAllText(Path.Combine(_folder.Root, "mutated.prune.yaml"), text.Insert(at, indicator.ToString()), Encoding.UTF8);
                AssertLoadsOrReports(Path.Combine(_folder.Root, "mutated.prune.yaml"), $"'{indicator}' inserted at {at}");
            }
        }
    }

    private static void AssertLoadsOrReports(string path, string what)
    {
        RecipeLoadResult result;
        try
        {
            result = RecipeLoader.Load(path);
        }
        catch (Exception exception)
        {
            Assert.Fail($"{what}: {exception}");
            return;
        }

        Assert.True(result.Recipe is not null || result.Diagnostics.Any(d => d.IsError), $"{what}: no recipe and no error");
    }
}
