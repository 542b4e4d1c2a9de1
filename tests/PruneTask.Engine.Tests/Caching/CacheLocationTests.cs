using PruneTask.Engine.Caching;
using PruneTask.Recipes.Model;

namespace PruneTask.Engine.Tests.Caching;

public class CacheLocationTests
{
    private static readonly CacheSettings RecipeWithPath = new(new Located<string>("/repo/cache", new SourcePosition("/repo/r.prune.yaml", 9, 3)));
    private static readonly CacheSettings RecipeWithoutPath = new(Path: null);

    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_command_line_wins_over_the_recipe_the_environment_variable_and_the_default()
    {
        var env = Env(("PRUNE_CACHE_DIR", "/srv/cache"), ("HOME", "/home/u"));

        Assert.Equal(Path.GetFullPath("/cli/cache"), CacheLocation.Resolve("/cli/cache", RecipeWithPath, env, usesLocalApplicationData: false));
        Assert.Equal(Path.GetFullPath("/cli/cache"), CacheLocation.Resolve("/cli/cache", null, env, usesLocalApplicationData: false));
    }

    [Fact]
    public void The_recipe_wins_over_the_environment_variable()
    {
        var env = Env(("PRUNE_CACHE_DIR", "/srv/cache"), ("HOME", "/home/u"));

        Assert.Equal("/repo/cache", CacheLocation.Resolve(null, RecipeWithPath, env, usesLocalApplicationData: false));
    }

    [Fact]
    public void The_environment_variable_wins_over_the_per_user_default_on_every_system()
    {
        var env = Env(("PRUNE_CACHE_DIR", "/srv/cache"), ("XDG_CACHE_HOME", "/xdg"));

        Assert.Equal(Path.GetFullPath("/srv/cache"), CacheLocation.Resolve(null, RecipeWithoutPath, env, usesLocalApplicationData: false));
        Assert.Equal(Path.GetFullPath("/srv/cache"), CacheLocation.Resolve(null, null, env, usesLocalApplicationData: true));
    }

    [Fact]
    public void An_empty_command_line_value_or_variable_counts_as_not_given()
    {
        Assert.Equal(Path.Combine("/xdg", "prunetask"), CacheLocation.Resolve("", null, Env(("PRUNE_CACHE_DIR", ""), ("XDG_CACHE_HOME", "/xdg")), false));
    }

    [Fact]
    public void Linux_uses_xdg_cache_home_then_home_dot_cache()
    {
        Assert.Equal(Path.Combine("/xdg", "prunetask"), CacheLocation.Resolve(null, null, Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "prunetask"), CacheLocation.Resolve(null, null, Env(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "prunetask"), CacheLocation.Resolve(null, RecipeWithoutPath, Env(("HOME", "/home/u")), false));
    }

    [Fact]
    public void Windows_and_macos_use_local_application_data()
    {
        var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "prunetask");

        Assert.Equal(expected, CacheLocation.Resolve(null, null, Env(("XDG_CACHE_HOME", "/xdg")), usesLocalApplicationData: true));
    }
}
