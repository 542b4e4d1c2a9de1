using System.Text.RegularExpressions;
using PruneTask.Tests.Common;

namespace PruneTask.Engine.Tests;

/// <summary>
/// The engine's folders depend on each other one way (docs/architecture.md): Stages drives the pipeline and only the
/// benchmarks drive Stages; nothing in the engine drives the benchmarks; Diagnostics depends on no other folder.
/// </summary>
public sealed partial class EngineLayoutTests
{
    private static readonly string EngineSource = Path.Combine(RepositoryPaths.Root, "src", "PruneTask.Engine");

    [Theory]
    [InlineData("Stages", new[] { "Stages", "Benchmarks" })]
    [InlineData("Benchmarks", new[] { "Benchmarks" })]
    public void Only_the_named_folders_use_a_folder(string folder, string[] users)
    {
        var offenders = Dependencies()
            .Where(d => d.Uses == folder && !users.Contains(d.Folder))
            .Select(d => $"{d.File} uses {folder}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void Diagnostics_uses_no_other_engine_folder()
    {
        var uses = Dependencies().Where(d => d.Folder == "Diagnostics" && d.Uses != "Diagnostics").Select(d => $"{d.File} uses {d.Uses}");

        Assert.Empty(uses);
    }

    [Fact]
    public void The_scan_sees_the_pipeline_driving_the_stages()
    {
        Assert.Contains(Dependencies(), d => d.Folder == "Stages" && d.Uses == "Methods");
        Assert.Contains(Dependencies(), d => d.Folder == "Benchmarks" && d.Uses == "Stages");
    }

    private static IEnumerable<(string File, string Folder, string Uses)> Dependencies() =>
        from file in Directory.EnumerateFiles(EngineSource, "*.cs", SearchOption.AllDirectories)
        let relative = Path.GetRelativePath(EngineSource, file)
        where !relative.StartsWith("bin", StringComparison.Ordinal) && !relative.StartsWith("obj", StringComparison.Ordinal)
        let folder = relative.Split(Path.DirectorySeparatorChar)[0]
        from used in EngineNamespace().Matches(File.ReadAllText(file)).Select(m => m.Groups[1].Value).Distinct()
        select (relative, folder, used);

    [GeneratedRegex(@"\bPruneTask\.Engine\.([A-Z][A-Za-z]*)")]
    private static partial Regex EngineNamespace();
}
