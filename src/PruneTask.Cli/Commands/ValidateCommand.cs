using System.CommandLine;
using PruneTask.Recipes;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune validate RECIPE…</c>: checks recipes and prints every diagnostic in MSBuild's canonical form
/// on stderr. With a model reader it also checks the rules against the model's layers. Exit code 0 when all are
/// valid, 1 when any has errors, 2 when a recipe or its model cannot be read.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(IModelLayerReader? layers = null)
    {
        var recipes = new Argument<string[]>("recipe")
        {
            Description = "Recipe files (*.prune.yaml) to check.",
            Arity = ArgumentArity.OneOrMore,
        };
        var strict = new Option<bool>("--strict") { Description = "Treat a rule that matches no layer of the model as an error." };
        var command = new Command("validate", "Check recipes and report every problem with its file, line and column.");
        command.Arguments.Add(recipes);
        command.Options.Add(strict);
        RecipeOverrideOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var validator = new Validator(parseResult, layers, parseResult.GetValue(strict));
            return parseResult.GetValue(recipes)!.Select(validator.Check).DefaultIfEmpty(ExitCodes.Ok).Max();
        });
        return command;
    }

    private sealed class Validator(ParseResult parseResult, IModelLayerReader? layers, bool strict)
    {
        private readonly TextWriter _output = parseResult.InvocationConfiguration.Output;
        private readonly TextWriter _error = parseResult.InvocationConfiguration.Error;
        private readonly RecipeOverrides _overrides = RecipeOverrideOptions.Read(parseResult);

        public int Check(string path)
        {
            var loaded = RecipeLoader.Load(path, _overrides);
            Print(loaded.Diagnostics);
            var exitCode = loaded.IsUnreadable ? ExitCodes.Failed
                : loaded.Recipe is not { } recipe ? ExitCodes.Invalid
                : layers is null ? ExitCodes.Ok
                : CheckAgainstModel(recipe);
            _output.WriteLine($"{path}: {(exitCode == ExitCodes.Ok ? "valid" : "invalid")}");
            return exitCode;
        }

        private int CheckAgainstModel(Recipe recipe)
        {
            IReadOnlyList<LayerDescriptor> modelLayers;
            try
            {
                modelLayers = layers!.ReadLayers(recipe.Model.Path.Value);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                var position = recipe.Model.Path.Position;
                Print([new Diagnostic(DiagnosticCodes.ModelUnreadable, DiagnosticSeverity.Error, position.File, position.Line, position.Column, $"Cannot read the model's tensor list: {exception.Message}")]);
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    _error.WriteLine(exception);
                }

                return ExitCodes.Failed;
            }

            var resolution = RecipeResolver.Resolve(recipe, modelLayers, strict);
            Print(resolution.Diagnostics);
            return resolution.HasErrors ? ExitCodes.Invalid : ExitCodes.Ok;
        }

        private void Print(IEnumerable<Diagnostic> diagnostics) => PlanLoader.Print(parseResult, diagnostics);
    }
}
