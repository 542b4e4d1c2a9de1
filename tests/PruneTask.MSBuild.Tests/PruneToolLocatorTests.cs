using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class PruneToolLocatorTests : IDisposable
{
    private const string Manifest = """{ "version": 1, "isRoot": true, "tools": { "dotnet-prune": { "version": "0.1.0", "commands": ["dotnet-prune"] } } }""";
    private static readonly string Suffix = OperatingSystem.IsWindows() ? ".exe" : "";

    private readonly TempDirectory _directory = new();
    private readonly string _project;
    private readonly string _dotnet;

    public PruneToolLocatorTests()
    {
        _project = Directory.CreateDirectory(_directory.Combine("repo", "app")).FullName;
        _dotnet = _directory.Write("host/dotnet" + Suffix, "");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void An_explicit_executable_runs_directly_and_tracks_its_own_file()
    {
        var tool = _directory.Write("tools/dotnet-prune" + Suffix, "");

        var command = Locator().Locate(tool, _project, _dotnet);

        Assert.Equal((tool, "", null, tool), (command.Executable, command.Arguments, command.ManifestFile, command.VersionFile));
    }

    [Fact]
    public void An_explicit_dll_runs_through_the_dotnet_host()
    {
        var dll = _directory.Write("my tools/dotnet-prune.dll", "");

        var command = Locator().Locate(dll, _project, _dotnet);

        Assert.Equal((_dotnet, $"\"{dll}\"", dll), (command.Executable, command.Arguments, command.VersionFile));
    }

    [Fact]
    public void An_explicit_folder_relative_to_the_project_resolves_to_the_tool_inside()
    {
        var dll = _directory.Write("repo/artifacts/cli/dotnet-prune.dll", "");

        var command = Locator().Locate("../artifacts/cli", _project, _dotnet);

        Assert.Equal(dll, command.VersionFile);
    }

    [Fact]
    public void An_explicit_path_that_does_not_exist_is_PRN901_even_when_a_manifest_lists_the_tool()
    {
        _directory.Write("repo/.config/dotnet-tools.json", Manifest);

        var error = Assert.Throws<PruneSetupException>(() => Locator().Locate("missing/dotnet-prune", _project, _dotnet));

        Assert.Equal("PRN901", error.Code);
    }

    [Fact]
    public void A_manifest_that_lists_the_tool_runs_it_with_dotnet_tool_run()
    {
        var manifest = _directory.Write("repo/.config/dotnet-tools.json", Manifest);
        _directory.Write("path/dotnet-prune" + Suffix, "");

        var command = Locator().Locate(null, _project, _dotnet);

        Assert.Equal((_dotnet, "tool run dotnet-prune", manifest, manifest), (command.Executable, command.Arguments, command.ManifestFile, command.VersionFile));
    }

    [Fact]
    public void Without_a_manifest_a_dotnet_prune_on_PATH_is_used()
    {
        var onPath = _directory.Write("path/dotnet-prune" + Suffix, "");

        var command = Locator().Locate("  ", _project, _dotnet);

        Assert.Equal((onPath, ""), (command.Executable, command.Arguments));
    }

    [Fact]
    public void Finding_nothing_is_PRN901_with_advice()
    {
        var error = Assert.Throws<PruneSetupException>(() => Locator().Locate(null, _project, _dotnet));

        Assert.Equal("PRN901", error.Code);
        Assert.Contains("dotnet tool install dotnet-prune", error.Message);
    }

    [Fact]
    public void The_dotnet_host_falls_back_to_PATH_when_the_build_does_not_name_one()
    {
        var onPath = _directory.Write("path/dotnet" + Suffix, "");

        Assert.Equal(onPath, Locator().DotNetHost(dotnetHostPath: null));
    }

    private PruneToolLocator Locator() => new([_directory.Combine("empty"), _directory.Combine("path")]);
}
