using System.Reflection;
using PruneTask.MSBuild.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>
/// Packs PruneTask.MSBuild and the dotnet-prune tool (for this machine's platform) once per test run into a temporary
/// local feed, with an isolated NuGet packages folder and CLI home, so every scenario restores the packages just built.
/// </summary>
public sealed class PackagedFeed : IDisposable
{
    private readonly TempDirectory _root = new("prunetask-e2e");

    public PackagedFeed()
    {
        Feed = Directory.CreateDirectory(_root.Combine("feed")).FullName;
        Environment = new Dictionary<string, string>
        {
            ["NUGET_PACKAGES"] = _root.Combine("packages"),
            ["DOTNET_CLI_HOME"] = _root.Combine("cli-home"),
        };
        PackMSBuildTime = Pack(Path.Combine("src", "PruneTask.MSBuild", "PruneTask.MSBuild.csproj"));
        PackToolTime = Pack(Path.Combine("src", "PruneTask.Cli", "PruneTask.Cli.csproj"));
        Version = VersionOf("PruneTask.MSBuild");
        ToolPackageBytes = Directory.GetFiles(Feed, "dotnet-prune.*.nupkg").Sum(f => new FileInfo(f).Length);
    }

    /// <summary>The local folder feed holding the packages.</summary>
    public string Feed { get; }

    /// <summary>The version both packages were packed with.</summary>
    public string Version { get; }

    /// <summary>Variables every dotnet command of the scenarios runs with.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; }

    public TimeSpan PackMSBuildTime { get; }

    public TimeSpan PackToolTime { get; }

    /// <summary>The size of the tool's packages (pointer plus this platform's).</summary>
    public long ToolPackageBytes { get; }

    /// <summary>A new empty folder for one scenario.</summary>
    public string NewScenarioDirectory(string name) => Directory.CreateDirectory(_root.Combine("scenarios", $"{name}-{Guid.NewGuid():N}")).FullName;

    public void Dispose() => _root.Dispose();

    // Packing in the configuration the tests were built in reuses that build.
    private static string Configuration =>
        typeof(PackagedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";

    private TimeSpan Pack(string project) =>
        DotNetRun.Run(RepositoryPaths.Root, new Dictionary<string, string>(), "pack", project, "-c", Configuration, "-o", Feed, "-nologo")
            .Succeeded().Elapsed;

    private string VersionOf(string packageId)
    {
        var package = Directory.GetFiles(Feed, $"{packageId}.*.nupkg").Select(Path.GetFileNameWithoutExtension).Single();
        return package!.Substring(packageId.Length + 1);
    }
}
