using PruneTask.Tests.Common;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>
/// A throwaway user repository: nuget.config naming only the packed feed, a tool manifest pinning dotnet-prune,
/// a copy of the tiny-llama-gqa fixture model and calibration text, to which scenarios add projects that prune it.
/// </summary>
internal sealed class ConsumerRepository
{
    private readonly PackagedFeed _feed;

    public ConsumerRepository(PackagedFeed feed, string scenario)
    {
        _feed = feed;
        Root = feed.NewScenarioDirectory(scenario);
        Write("nuget.config", $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <clear />
                <add key="prunetask" value="{feed.Feed}" />
              </packageSources>
            </configuration>
            """);
        Write(".config/dotnet-tools.json", $$"""
            { "version": 1, "isRoot": true, "tools": { "dotnet-prune": { "version": "{{feed.Version}}", "commands": ["dotnet-prune"], "rollForward": false } } }
            """);
        CopyModel("tiny-llama-gqa");
        Write("data/calibration.txt", string.Concat(Enumerable.Repeat("The quick brown fox jumps over the lazy dog. ", 40)));
    }

    public string Root { get; }

    public string ModelDirectory => Path.Combine(Root, "model");

    /// <summary>Adds `NAME/NAME.csproj` referencing PruneTask.MSBuild, with `NAME/recipe.prune.yaml` holding <paramref name="recipe"/>.</summary>
    public ConsumerProject AddProject(string name, string recipe, string? extraProperties = null)
    {
        Write($"{name}/{name}.csproj", $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                {extraProperties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="PruneTask.MSBuild" Version="{_feed.Version}" />
                <PruneRecipe Include="recipe.prune.yaml" />
              </ItemGroup>
            </Project>
            """);
        Write($"{name}/recipe.prune.yaml", recipe);
        return new ConsumerProject(Path.Combine(Root, name), name);
    }

    public string Write(string relativePath, string text)
    {
        var path = Path.Combine(Root, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Runs `dotnet ARGS` in the repository root with the feed's isolated environment.</summary>
    public DotNetResult DotNet(params string[] arguments) => DotNetRun.Run(Root, _feed.Environment, arguments);

    private void CopyModel(string fixture)
    {
        Directory.CreateDirectory(ModelDirectory);
        foreach (var file in new[] { "config.json", "model.safetensors" })
        {
            File.Copy(RepositoryPaths.Fixture("models", fixture, file), Path.Combine(ModelDirectory, file));
        }
    }
}
