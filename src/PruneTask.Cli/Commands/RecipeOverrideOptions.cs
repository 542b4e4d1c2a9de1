using System.CommandLine;
using PruneTask.Recipes;

namespace PruneTask.Cli.Commands;

/// <summary>The <c>--set</c> and <c>--var</c> options that every command reading a recipe accepts.</summary>
public static class RecipeOverrideOptions
{
    public static Option<string[]> Set { get; } = new("--set")
    {
        Description = "Override a recipe field, e.g. --set calibration.samples=32 (repeatable; the value is YAML).",
    };

    public static Option<string[]> Var { get; } = new("--var")
    {
        Description = "Override a declared recipe variable, e.g. --var sparsity=0.6 (repeatable).",
    };

    public static void AddTo(Command command)
    {
        command.Options.Add(Set);
        command.Options.Add(Var);
    }

    public static RecipeOverrides Read(ParseResult parseResult) =>
        new(parseResult.GetValue(Set) ?? [], parseResult.GetValue(Var) ?? []);
}
