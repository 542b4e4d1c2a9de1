using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class SettingsStampTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Writes_a_new_stamp_and_leaves_an_unchanged_one_alone()
    {
        var path = _directory.Combine("state", "llama.settings");

        Assert.True(SettingsStamp.WriteIfChanged(path, ["output=/o", "set=a=1"]));
        var written = DateTime.UtcNow.AddHours(-1);
        File.SetLastWriteTimeUtc(path, written);

        Assert.False(SettingsStamp.WriteIfChanged(path, ["output=/o", "set=a=1"]));
        Assert.Equal(written, File.GetLastWriteTimeUtc(path));
    }

    [Fact]
    public void Rewrites_the_stamp_when_a_setting_changes()
    {
        var path = _directory.Combine("llama.settings");
        SettingsStamp.WriteIfChanged(path, ["output=/o", "set=a=1"]);

        Assert.True(SettingsStamp.WriteIfChanged(path, ["output=/o", "set=a=2"]));
        Assert.Equal(["output=/o", "set=a=2"], File.ReadAllLines(path));
    }
}
