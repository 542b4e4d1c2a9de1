using System.CommandLine;
using PruneTask.Engine.Models;
using PruneTask.Engine.Planning;
using PruneTask.Recipes;
using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Cli.Commands;

/// <summary>
/// Loads a recipe and resolves it against its model's tensor list for <c>run</c> and <c>plan</c>, printing every
/// diagnostic on stderr in MSBuild's canonical form (and as CI annotations in CI).
/// </summary>
internal static class PlanLoader
{
    /// <returns>The plan, or null with the exit code to stop with.</returns>
    public static (PrunePlan? Plan, int ExitCode, RecipeLoadResult Loaded) Load(ParseResult parseResult, string recipePath, bool strict)
    {
        var error = parseResult.InvocationConfiguration.Error;
        var loaded = RecipeLoader.Load(recipePath, RecipeOverrideOptions.Read(parseResult));
        Print(parseResult, loaded.Diagnostics);
        if (loaded.Recipe is not { } recipe)
        {
            return (null, loaded.IsUnreadable ? ExitCodes.Failed : ExitCodes.Invalid, loaded);
        }

        PrunePlan plan;
        try
        {
            plan = PrunePlan.Build(recipe, strict);
        }
        catch (Exception e) when (e is ModelException or Engine.IO.SafetensorsFormatException or IOException)
        {
            var p = recipe.Model.Path.Position;
            Print(parseResult, [new Diagnostic(DiagnosticCodes.ModelUnreadable, DiagnosticSeverity.Error, p.File, p.Line, p.Column, $"Cannot read the model: {e.Message}")]);
            if (parseResult.GetValue(GlobalOptions.Verbose))
            {
                error.WriteLine(e);
            }

            return (null, ExitCodes.Failed, loaded);
        }

        Print(parseResult, plan.Diagnostics);
        return plan.HasErrors ? (null, ExitCodes.Invalid, loaded) : (plan, ExitCodes.Ok, loaded);
    }

    /// <summary>Every diagnostic on stderr, and in CI also as the CI system's annotation (see <see cref="CiEnvironment"/>).</summary>
    public static void Print(ParseResult parseResult, IEnumerable<Diagnostic> diagnostics)
    {
        var ci = CiEnvironment.For(parseResult);
        foreach (var diagnostic in diagnostics)
        {
            ci.Print(parseResult.InvocationConfiguration.Error, parseResult.InvocationConfiguration.Output, diagnostic);
        }
    }
}
