using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public class CacheLocationTests
{
    private static Func<string, string?> Env(params (string Name, string Value)[] values) =>
        name => values.FirstOrDefault(v => v.Name == name).Value;

    [Fact]
    public void The_environment_variable_wins_everywhere()
    {
        var env = Env(("PRUNE_CACHE_DIR", "/srv/cache"), ("XDG_CACHE_HOME", "/xdg"));

        Assert.Equal(Path.GetFullPath("/srv/cache"), CacheLocation.Resolve(env, usesLocalApplicationData: false));
        Assert.Equal(Path.GetFullPath("/srv/cache"), CacheLocation.Resolve(env, usesLocalApplicationData: true));
    }

    [Fact]
    public void Linux_uses_xdg_cache_home_then_home_dot_cache()
    {
        Assert.Equal(Path.Combine("/xdg", "prunetask"), CacheLocation.Resolve(Env(("XDG_CACHE_HOME", "/xdg"), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "prunetask"), CacheLocation.Resolve(Env(("XDG_CACHE_HOME", "relative"), ("HOME", "/home/u")), false));
        Assert.Equal(Path.Combine("/home/u", ".cache", "prunetask"), CacheLocation.Resolve(Env(("HOME", "/home/u")), false));
    }

    [Fact]
    public void Windows_and_macos_use_local_application_data()
    {
        var expected = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify), "prunetask");

        Assert.Equal(expected, CacheLocation.Resolve(Env(("XDG_CACHE_HOME", "/xdg")), usesLocalApplicationData: true));
    }
}
