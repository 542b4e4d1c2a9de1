using System.Text.Json;
using PruneTask.Recipes;
using PruneTask.Recipes.Schema;
using PruneTask.Tests.Common;

namespace PruneTask.Cli.Tests.Commands;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("prunetask-schema-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public void Schema_prints_the_repository_schema()
    {
        var (exitCode, output, _) = Cli.Run("schema");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Root, RecipeSchema.FileName)), output);
        using var _json = JsonDocument.Parse(output);
    }

    [Fact]
    public void Schema_output_writes_the_schema_to_a_file()
    {
        var path = Path.Combine(_root, RecipeSchema.FileName);

        var (exitCode, output, error) = Cli.Run("schema", "--output", path);

        Assert.True(exitCode == ExitCodes.Ok, error);
        Assert.Equal("", output);
        Assert.Equal(RecipeSchema.Text, File.ReadAllText(path));
    }

    [Fact]
    public void Schema_methods_prints_the_method_tables()
    {
        var (exitCode, output, _) = Cli.Run("schema", "--methods");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(MethodReference.Markdown(), output);
    }
}
