using PruneTask.Engine.IO;
using System.CommandLine;
using PruneTask.Recipes;
using PruneTask.Recipes.Schema;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune schema [--methods] [--output FILE]</c>: prints prune.schema.json, the JSON Schema editors use to
/// check and complete recipes, or the methods, options and targets as markdown tables; both are generated from the
/// method declarations. <c>./build.sh schema</c> uses it to rewrite the repository's prune.schema.json and README tables.
/// </summary>
public static class SchemaCommand
{
    public static Command Create()
    {
        var methods = new Option<bool>("--methods") { Description = "Print the methods, their options and the target kinds as markdown tables instead." };
        var output = new Option<string?>("--output", "-o") { Description = "Write to this file instead of the console." };
        var command = new Command("schema", $"Print {RecipeSchema.FileName} (JSON Schema of *.prune.yaml recipes) for editors: dotnet prune schema -o {RecipeSchema.FileName}");
        command.Options.Add(methods);
        command.Options.Add(output);
        command.SetAction(parseResult =>
        {
            var text = parseResult.GetValue(methods) ? MethodReference.Markdown() : RecipeSchema.Text;
            if (parseResult.GetValue(output) is { } path)
            {
                AtomicFile.WriteAllText(path, text);
            }
            else
            {
                parseResult.InvocationConfiguration.Output.Write(text);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
