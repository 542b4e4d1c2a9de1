using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Loading;

public sealed class RecipeMergerTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public RecipeMergerTests() => _folder.Write("base.prune.yaml", """
        version: 1
        variables:
          s: 0.5
          t: 0.25
        model:
          path: model
        calibration:
          dataset: calib.txt
          samples: 16
          seed: 3
        defaults:
          method: sparsegpt
          sparsity: ${s}
          blocksize: 64
        layers:
          - match: "*.q_proj"
            skip: true
        """);

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_recipe_overrides_its_base_key_by_key_inside_sections()
    {
        var recipe = _folder.Load("""
            version: 1
            extends: base.prune.yaml
            calibration:
              samples: 32
            defaults:
              damping: 0.05
            """).Recipe!;

        Assert.Equal((32, 3L), (recipe.Calibration!.Samples.Value, recipe.Calibration.Seed));
        Assert.Equal(["blocksize", "damping"], recipe.Defaults!.Options.Select(o => o.Key));
        Assert.Equal("sparsegpt", recipe.Defaults.Method!.Value);
    }

    [Fact]
    public void The_base_rules_come_first_so_the_recipe_rules_win()
    {
        var recipe = _folder.Load("""
            version: 1
            extends: base.prune.yaml
            layers:
              - match: "*.k_proj"
                skip: true
            """).Recipe!;

        Assert.Equal(["*.q_proj", "*.k_proj"], recipe.Layers.Select(r => r.Matcher.Text));
        Assert.Equal([0, 1], recipe.Layers.Select(r => r.Index));
    }

    [Fact]
    public void Variables_merge_and_the_recipe_value_wins_even_where_the_base_uses_it()
    {
        var recipe = _folder.Load("""
            version: 1
            extends: base.prune.yaml
            variables:
              s: 0.7
            """).Recipe!;

        Assert.Equal(0.7, recipe.Defaults!.Target!.Value.Fraction);
        Assert.Equal(0.25, recipe.Variables["t"]);
    }
}
