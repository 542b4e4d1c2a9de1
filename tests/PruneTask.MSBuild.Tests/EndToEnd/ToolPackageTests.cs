using System.IO.Compression;
using System.Runtime.InteropServices;
using Xunit.Abstractions;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>The dotnet-prune tool package, installed the way a user installs it from a folder.</summary>
[Collection(PackagedFeedCollection.Name)]
public sealed class ToolPackageTests(PackagedFeed feed, ITestOutputHelper output)
{
    [Fact]
    public void Installs_from_a_local_folder_with_tool_path_and_dotnet_prune_prints_its_version()
    {
        var directory = feed.NewScenarioDirectory("tool-path");
        var tools = Path.Combine(directory, "tools");
        var environment = new Dictionary<string, string>(feed.Environment)
        {
            ["PATH"] = tools + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
        };

        var install = DotNetRun.Run(directory, environment, "tool", "install", "dotnet-prune", "--tool-path", tools, "--add-source", feed.Feed, "--version", feed.Version)
            .Succeeded();
        var version = DotNetRun.Run(directory, environment, "prune", "--version").Succeeded();

        Assert.StartsWith(feed.Version, version.Output.Trim());
        output.WriteLine(
            $"pack PruneTask.MSBuild {feed.PackMSBuildTime.TotalSeconds:F1} s, pack dotnet-prune {feed.PackToolTime.TotalSeconds:F1} s " +
            $"({feed.ToolPackageBytes / 1e6:F1} MB), install {install.Elapsed.TotalSeconds:F1} s");
    }

    [Fact]
    public void The_platform_package_carries_libtorch_for_this_platform_only_and_without_its_python_and_test_libraries()
    {
        var package = Path.Combine(feed.Feed, $"dotnet-prune.{RuntimeInformation.RuntimeIdentifier}.{feed.Version}.nupkg");
        Assert.Single(Directory.GetFiles(feed.Feed, "dotnet-prune.*.*.nupkg"), f => !f.EndsWith($"dotnet-prune.{feed.Version}.nupkg", StringComparison.Ordinal));

        using var zip = ZipFile.OpenRead(package);
        var names = zip.Entries.Select(e => e.Name).ToHashSet();
        Assert.Contains(names, n => n.Contains("torch_cpu", StringComparison.Ordinal));
        Assert.DoesNotContain(names, n => n.Contains("torch_python", StringComparison.Ordinal) || n.Contains("_test.", StringComparison.Ordinal));
        Assert.Single(names, n => n.Contains("torch_cpu", StringComparison.Ordinal));
    }
}
