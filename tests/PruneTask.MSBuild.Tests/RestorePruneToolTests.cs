using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class RestorePruneToolTests : IDisposable
{
    private readonly TempDirectory _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void A_restore_that_cannot_find_the_tool_is_PRN903_on_the_manifest()
    {
        Directory.CreateDirectory(_repository.Combine("empty-feed"));
        _repository.Write("nuget.config", $"""
            <configuration>
              <packageSources>
                <clear />
                <add key="empty" value="{_repository.Combine("empty-feed")}" />
              </packageSources>
            </configuration>
            """);
        var manifest = _repository.Write(".config/dotnet-tools.json", """
            { "version": 1, "isRoot": true, "tools": { "dotnet-prune": { "version": "99.0.0", "commands": ["dotnet-prune"] } } }
            """);
        var engine = new RecordingBuildEngine();
        var task = new RestorePruneTool
        {
            BuildEngine = engine,
            ManifestFile = manifest,
            DotNetHost = DotNetHost.Path,
            WorkingDirectory = _repository.Path,
            EnvironmentVariables = [$"NUGET_PACKAGES={_repository.Combine("packages")}", "DOTNET_CLI_TELEMETRY_OPTOUT=1", "DOTNET_NOLOGO=1"],
        };

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("PRN903", manifest), (error.Code, error.File));
    }
}
