using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class ToolManifestTests : IDisposable
{
    private const string ListingPrune = """{ "version": 1, "isRoot": true, "tools": { "dotnet-prune": { "version": "0.1.0", "commands": ["dotnet-prune"] } } }""";
    private const string ListingOther = """{ "version": 1, "tools": { "dotnet-ef": { "version": "9.0.0", "commands": ["dotnet-ef"] } } }""";
    private const string RootListingOther = """{ "version": 1, "isRoot": true, "tools": { "dotnet-ef": { "version": "9.0.0", "commands": ["dotnet-ef"] } } }""";

    private readonly TempDirectory _repository = new();

    public void Dispose() => _repository.Dispose();

    [Fact]
    public void Finds_the_manifest_in_the_config_folder_of_a_parent()
    {
        var manifest = _repository.Write(".config/dotnet-tools.json", ListingPrune);

        Assert.Equal(manifest, ToolManifest.FindListing(Project("src/app")));
    }

    [Fact]
    public void Finds_a_manifest_at_the_folder_root_as_dotnet_new_tool_manifest_writes_it()
    {
        var manifest = _repository.Write("dotnet-tools.json", ListingPrune);

        Assert.Equal(manifest, ToolManifest.FindListing(Project("app")));
    }

    [Fact]
    public void Skips_a_nearer_manifest_that_does_not_list_the_tool()
    {
        var manifest = _repository.Write(".config/dotnet-tools.json", ListingPrune);
        _repository.Write("src/.config/dotnet-tools.json", ListingOther);

        Assert.Equal(manifest, ToolManifest.FindListing(Project("src/app")));
    }

    [Fact]
    public void Stops_at_a_root_manifest_that_does_not_list_the_tool()
    {
        _repository.Write(".config/dotnet-tools.json", ListingPrune);
        _repository.Write("src/dotnet-tools.json", RootListingOther);

        Assert.Null(ToolManifest.FindListing(Project("src/app")));
    }

    private string Project(string relativePath) => Directory.CreateDirectory(_repository.Combine(relativePath)).FullName;
}
