using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace PruneTask.MSBuild.Tests.EndToEnd;

/// <summary>Real `dotnet build` of throwaway projects that reference the packed PruneTask.MSBuild and dotnet-prune.</summary>
[Collection(PackagedFeedCollection.Name)]
public sealed partial class PruneBuildTests(PackagedFeed feed, ITestOutputHelper output)
{
    private const string SkipMessage = "Skipping target \"PruneModels\" because all output files are up-to-date with respect to the input files.";

    [Fact]
    public void A_build_prunes_the_model_and_the_next_build_skips_the_prune_target()
    {
        var repository = new ConsumerRepository(feed, "build-twice");
        var project = repository.AddProject("app", Recipes.Magnitude());

        var first = repository.DotNet("build", project.ProjectFile, "-v:n").Succeeded();
        Assert.True(File.Exists(project.PrunedModel), first.Output);
        Assert.True(File.Exists(project.LockFile), first.Output);
        Assert.DoesNotContain(SkipMessage, first.Output);

        var second = repository.DotNet("build", project.ProjectFile, "-v:n", "-clp:PerformanceSummary").Succeeded();
        Assert.Contains(SkipMessage, second.Output);
        var overhead = PruneTargetMilliseconds(second.Output);
        output.WriteLine($"First build {first.Elapsed.TotalSeconds:F1} s; second build {second.Elapsed.TotalSeconds:F1} s, of which prune targets {overhead} ms.");
        Assert.InRange(overhead, 0, 999);
    }

    [Fact]
    public void Editing_the_recipe_or_the_recipe_it_extends_prunes_again()
    {
        var repository = new ConsumerRepository(feed, "edits");
        repository.Write("base.prune.yaml", Recipes.Base("magnitude"));
        var project = repository.AddProject("app", Recipes.Extending(sparsity: 0.5));
        repository.DotNet("build", project.ProjectFile).Succeeded();

        File.WriteAllText(project.Recipe, Recipes.Extending(sparsity: 0.6));
        var afterRecipeEdit = repository.DotNet("build", project.ProjectFile, "-v:n").Succeeded();
        Assert.DoesNotContain(SkipMessage, afterRecipeEdit.Output);
        Assert.Contains("PruneModels:", afterRecipeEdit.Output);

        File.AppendAllText(Path.Combine(repository.Root, "base.prune.yaml"), "# edited\n");
        var afterBaseEdit = repository.DotNet("build", project.ProjectFile, "-v:n").Succeeded();
        Assert.DoesNotContain(SkipMessage, afterBaseEdit.Output);
        Assert.True(File.GetLastWriteTimeUtc(project.LockFile) >= File.GetLastWriteTimeUtc(Path.Combine(repository.Root, "base.prune.yaml")));
    }

    [Fact]
    public void A_recipe_error_fails_the_build_with_the_recipe_file_line_column_and_code()
    {
        var repository = new ConsumerRepository(feed, "error");
        var project = repository.AddProject("app", Recipes.WithMisspelledKey());

        var result = repository.DotNet("build", project.ProjectFile);

        Assert.NotEqual(0, result.ExitCode);
        var diagnostic = CanonicalError().Match(result.Output);
        Assert.True(diagnostic.Success, result.Output);
        Assert.Equal(Recipes.MisspelledKeyLine, int.Parse(diagnostic.Groups["line"].Value));
        Assert.Equal(1, int.Parse(diagnostic.Groups["column"].Value));
        Assert.False(File.Exists(project.LockFile));
    }

    [Fact]
    public void Clean_removes_the_pruned_outputs_and_keeps_the_cache()
    {
        var repository = new ConsumerRepository(feed, "clean");
        var project = repository.AddProject("app", Recipes.Magnitude());
        repository.DotNet("build", project.ProjectFile).Succeeded();
        Assert.True(File.Exists(project.LockFile));

        repository.DotNet("clean", project.ProjectFile).Succeeded();

        Assert.False(File.Exists(project.LockFile));
        Assert.False(File.Exists(project.PrunedModel));
        Assert.False(Directory.Exists(project.OutputDirectory));
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(project.DefaultCache));
    }

    [Fact]
    public void Two_projects_sharing_one_cache_both_prune_in_one_parallel_build()
    {
        var repository = new ConsumerRepository(feed, "parallel");
        var cache = Path.Combine(repository.Root, "shared-cache");
        var sharedCache = $"<PruneCacheDirectory>{cache}</PruneCacheDirectory>";
        var first = repository.AddProject("first", Recipes.Magnitude(0.5), sharedCache);
        var second = repository.AddProject("second", Recipes.Magnitude(0.6), sharedCache);
        repository.Write("both.slnx", """
            <Solution>
              <Project Path="first/first.csproj" />
              <Project Path="second/second.csproj" />
            </Solution>
            """);

        var result = repository.DotNet("build", "both.slnx", "-m:2").Succeeded();

        Assert.True(File.Exists(first.LockFile), result.Output);
        Assert.True(File.Exists(second.LockFile), result.Output);
        Assert.NotEmpty(Directory.EnumerateFileSystemEntries(cache));
    }

    private static int PruneTargetMilliseconds(string buildOutput) =>
        TargetTiming().Matches(buildOutput)
            .Where(m => m.Groups["target"].Value is "PruneModels" or "_PruneExpandRecipes" or "_PruneResolveTool"
                or "_PruneCopyToOutputDirectory" or "_PruneRecordFileWrites")
            .Sum(m => int.Parse(m.Groups["ms"].Value));

    [GeneratedRegex(@"recipe\.prune\.yaml\((?<line>\d+),(?<column>\d+)\): error PRN\d{3}: ")]
    private static partial Regex CanonicalError();

    [GeneratedRegex(@"^\s*(?<ms>\d+) ms\s+(?<target>\S+)\s+\d+ calls", RegexOptions.Multiline)]
    private static partial Regex TargetTiming();
}
