using System.CommandLine;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Recipes;
using PruneTask.Recipes.Methods;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune init MODEL_DIR</c>: writes a starter recipe for a model folder (Wanda at 50% with calibration data,
/// magnitude at 50% without) whose <c>yaml-language-server</c> modeline points at prune.schema.json, written beside it.
/// </summary>
public static class InitCommand
{
    public static Command Create()
    {
        var model = new Argument<string>("model") { Description = "The Hugging Face model folder (config.json and *.safetensors) to prune." };
        var dataset = new Option<string?>("--dataset", "-d") { Description = "Calibration data (.txt, .jsonl, .bin, .npy or an image folder); without it the recipe uses magnitude pruning." };
        var output = new Option<string?>("--output", "-o") { Description = "The recipe to write (default: <model folder name>.prune.yaml here)." };
        var force = new Option<bool>("--force") { Description = "Overwrite an existing recipe." };
        var command = new Command("init", "Write a starter recipe for a model folder, with the schema modeline editors use.");
        command.Arguments.Add(model);
        command.Options.Add(dataset);
        command.Options.Add(output);
        command.Options.Add(force);
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var modelDirectory = Path.GetFullPath(parseResult.GetValue(model)!);
            ModelSummary summary;
            try
            {
                summary = ModelLoader.Inspect(modelDirectory);
            }
            catch (Exception e) when (e is ModelException or SafetensorsFormatException or IOException)
            {
                error.WriteLine($"{modelDirectory}: error {Engine.Diagnostics.RunErrorCodes.ModelUnreadable}: {e.Message}");
                return ExitCodes.Failed;
            }

            var recipePath = Path.GetFullPath(parseResult.GetValue(output) ?? $"{Path.GetFileName(modelDirectory.TrimEnd(Path.DirectorySeparatorChar))}.prune.yaml");
            if (File.Exists(recipePath) && !parseResult.GetValue(force))
            {
                error.WriteLine($"{recipePath}: error: the recipe exists; pass --force to overwrite it.");
                return ExitCodes.Invalid;
            }

            var folder = Path.GetDirectoryName(recipePath)!;
            Directory.CreateDirectory(folder);
            var schemaPath = Path.Combine(folder, RecipeSchema.FileName);
            if (!File.Exists(schemaPath) || File.ReadAllText(schemaPath) != RecipeSchema.Text)
            {
                AtomicFile.WriteAllText(schemaPath, RecipeSchema.Text);
            }

            var data = parseResult.GetValue(dataset) is { } d ? Path.GetFullPath(d) : null;
            AtomicFile.WriteAllText(recipePath, StarterRecipe(folder, modelDirectory, summary, data));
            parseResult.InvocationConfiguration.Output.WriteLine($"wrote {recipePath} (check it with: dotnet prune validate {Path.GetFileName(recipePath)})");
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string StarterRecipe(string folder, string modelDirectory, ModelSummary summary, string? dataset)
    {
        string Relative(string path) => Path.GetRelativePath(folder, path).Replace('\\', '/');
        var method = dataset is null ? "magnitude" : "wanda";
        var calibrated = string.Join(", ", MethodCatalog.Methods.Where(m => m.NeedsCalibration).Select(m => m.Name));
        var calibration = dataset is null
            ? $"""
              # calibration:                  # add data to use {calibrated} instead of magnitude
              #   dataset: data/calibration.txt
              #   samples: 128
              """
            : $"""
              calibration:
                dataset: {Relative(dataset)}
                samples: 128
              """;
        return $"""
            # yaml-language-server: $schema={RecipeSchema.FileName}
            # Starter recipe for {Path.GetFileName(modelDirectory)} ({summary.Config.Architecture}, {summary.Linears.Count} prunable linears), written by `dotnet prune init`.
            # Recipe reference: README.md, section Recipes. Check it with `dotnet prune validate`, see the plan with `dotnet prune plan`.
            version: 1
            model:
              path: {Relative(modelDirectory)}
            {calibration}
            defaults:
              method: {method}
              sparsity: 0.5
            # evaluate:                       # perplexity dense vs pruned, and a quality gate that fails the run
            #   dataset: data/eval.txt
            #   max_perplexity_increase: 0.05
            output:
              path: out/{Path.GetFileName(modelDirectory)}-{method}-50

            """;
    }
}
