using System.CommandLine;
using PruneTask.Recipes;

namespace PruneTask.Cli.Commands;

/// <summary><c>dotnet prune schema</c>: prints prune.schema.json, the JSON Schema editors use to check and complete recipes.</summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var command = new Command("schema", $"Print {RecipeSchema.FileName} (JSON Schema of *.prune.yaml recipes) for editors: dotnet prune schema > {RecipeSchema.FileName}");
        command.SetAction(parseResult =>
        {
            parseResult.InvocationConfiguration.Output.Write(RecipeSchema.Text);
            return ExitCodes.Ok;
        });
        return command;
    }
}
