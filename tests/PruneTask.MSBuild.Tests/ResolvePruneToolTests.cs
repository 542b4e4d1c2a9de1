using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class ResolvePruneToolTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Returns_the_command_for_an_explicit_tool_path()
    {
        var tool = _directory.Write("tool/dotnet-prune", "");
        var task = new ResolvePruneTool { BuildEngine = _engine, ToolPath = tool, ProjectDirectory = _directory.Path };

        Assert.True(task.Execute());

        Assert.Equal((tool, "", "", tool), (task.ToolCommand, task.ToolArguments, task.ManifestFile, task.ToolVersionFile));
    }

    [Fact]
    public void Logs_PRN901_as_an_error_when_the_tool_path_is_wrong()
    {
        var task = new ResolvePruneTool { BuildEngine = _engine, ToolPath = "nowhere/dotnet-prune", ProjectDirectory = _directory.Path };

        Assert.False(task.Execute());

        Assert.Equal("PRN901", Assert.Single(_engine.Errors).Code);
    }
}
