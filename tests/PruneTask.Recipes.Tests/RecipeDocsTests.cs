using System.Text.RegularExpressions;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Tests.Support;
using PruneTask.Tests.Common;

namespace PruneTask.Recipes.Tests;

/// <summary>The recipe example in README.md (its first YAML block) stays a valid recipe.</summary>
public sealed partial class RecipeDocsTests : IDisposable
{
    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void The_documented_example_passes_the_schema_and_the_loader_except_for_its_absent_files()
    {
        var docs = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "README.md"));
        var example = FirstYamlBlock().Match(docs).Groups[1].Value;

        Assert.Empty(SchemaCheck.Errors(example));
        var result = _folder.Load(example);
        Assert.Equal(
            [DiagnosticCodes.PathNotFound, DiagnosticCodes.PathNotFound, DiagnosticCodes.PathNotFound],
            result.Diagnostics.Select(d => d.Code));
    }

    [GeneratedRegex("```yaml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex FirstYamlBlock();
}
