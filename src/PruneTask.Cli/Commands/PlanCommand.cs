using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using PruneTask.Engine.Caching;
using PruneTask.Engine.Planning;
using PruneTask.Recipes.Model;
using PruneTask.Recipes.Resolution;
using Spectre.Console;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune plan RECIPE [--json]</c>: what a run would do to every prunable layer (method, options, target and
/// allocation after defaults, rules, variables and overrides), read from the model's tensor list only, and which
/// stage results the cache already holds. Exit codes as for <c>validate</c>.
/// </summary>
public static class PlanCommand
{
    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "The recipe (*.prune.yaml) to plan." };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var output = new Option<string?>("--output", "-o") { Description = "The output folder whose lock file tells what is cached (default: the recipe's output.path)." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache folder instead of the recipe's cache.path (default: $PRUNE_CACHE_DIR, else the per-user cache)." };
        var threads = ComputeThreads.Create("The thread count the run will use (default: as run's), which its cache keys name.");
        var strict = new Option<bool>("--strict") { Description = "Treat a rule that matches no layer as an error." };
        var command = new Command("plan", "Show what a run would do to every prunable layer, and which results are already cached. Reads no weights.");
        command.Arguments.Add(recipe);
        foreach (var option in new Option[] { json, output, cacheDir, strict, threads })
        {
            command.Options.Add(option);
        }

        RecipeOverrideOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var (plan, exitCode, _) = PlanLoader.Load(parseResult, parseResult.GetValue(recipe)!, parseResult.GetValue(strict));
            if (plan is null)
            {
                return exitCode;
            }

            var environment = ComputeEnvironment.Current() with { Threads = ComputeThreads.Value(parseResult, threads) };
            var cacheDirectory = CacheLocation.Resolve(parseResult.GetValue(cacheDir), plan.Recipe.Cache);
            var status = PlanCacheStatus.Read(
                plan, parseResult.GetValue(output) ?? plan.Recipe.Output.Path.Value, cacheDirectory, environment);
            var rows = plan.Layers.Select(l => PlannedLayer.Of(l, status)).ToList();
            var writer = parseResult.InvocationConfiguration.Output;
            if (parseResult.GetValue(json))
            {
                writer.WriteLine(JsonSerializer.Serialize(Document(plan, cacheDirectory, environment, status, rows), JsonOptions));
            }
            else
            {
                WriteText(writer, plan, status, rows);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteText(TextWriter writer, PrunePlan plan, PlanCacheStatus status, IReadOnlyList<PlannedLayer> rows)
    {
        var recipe = plan.Recipe;
        writer.WriteLine($"recipe   {recipe.Path}");
        writer.WriteLine($"model    {recipe.Model.Path.Value} ({plan.Model.Config.Architecture}, {plan.Model.Config.NumLayers} blocks, {plan.Layers.Count} prunable layers)");
        writer.WriteLine($"output   {recipe.Output.Path.Value} ({recipe.Output.Format.Value.ToString().ToLowerInvariant()})");
        writer.WriteLine($"cache    {status.Reason}");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumns("layer", "block", "shape", "method", "target", "options", "allocation", "from", "statistics", "result");
        foreach (var row in rows)
        {
            string[] cells =
                [row.Name, row.Block.ToString(CultureInfo.InvariantCulture), $"{row.Shape[0]}x{row.Shape[1]}", row.Method ?? "skip", row.Target ?? "-",
                 Options(row.Options), row.Allocation ?? "-", string.Join(", ", row.From), row.Statistics ?? "-", row.Result ?? "-"];
            table.AddRow(cells.Select(c => new Text(c)));
        }

        PlainConsole.Create(writer, width: 400).Write(table);
    }

    private static object Document(PrunePlan plan, string cacheDirectory, ComputeEnvironment environment, PlanCacheStatus status, IReadOnlyList<PlannedLayer> rows) => new
    {
        recipe = plan.Recipe.Path,
        model = new { path = plan.Recipe.Model.Path.Value, architecture = plan.Model.Config.Architecture, blocks = plan.Model.Config.NumLayers },
        output = new { path = plan.Recipe.Output.Path.Value, format = plan.Recipe.Output.Format.Value.ToString().ToLowerInvariant() },
        cache = new { path = cacheDirectory, environment = environment.ToString(), current = status.IsCurrent, status = status.Reason },
        layers = rows,
    };

    private static string Options(IReadOnlyDictionary<string, string> options) =>
        options.Count == 0 ? "-" : string.Join(" ", options.Select(o => $"{o.Key}={o.Value}"));

    /// <summary>One layer of the plan as printed and serialised.</summary>
    private sealed record PlannedLayer(
        string Name, int Block, string Role, long[] Shape, string? Method, string? Target, IReadOnlyDictionary<string, string> Options,
        string? Allocation, IReadOnlyList<string> From, string? Statistics, string? Result)
    {
        public static PlannedLayer Of(ResolvedLayer layer, PlanCacheStatus status)
        {
            var pruned = !layer.Skip && layer.Method is not null;
            return new PlannedLayer(
                layer.Name,
                layer.Layer.BlockIndex,
                layer.Layer.Role,
                [layer.Layer.OutFeatures, layer.Layer.InFeatures],
                pruned ? layer.Method : null,
                pruned ? layer.Target?.ToString() : null,
                layer.Options.OrderBy(o => o.Key, StringComparer.Ordinal).ToDictionary(o => o.Key, o => Format(o.Value)),
                pruned ? Describe(layer.Allocation) : null,
                layer.Sources,
                pruned ? status.Of($"calibrate/block{layer.Layer.BlockIndex}") : null,
                pruned ? status.Of($"prune/{layer.Name}") : null);
        }

        private static string? Describe(ResolvedAllocation? allocation) => allocation?.Settings switch
        {
            null => null,
            { Strategy: AllocationStrategy.Uniform } => "uniform",
            var s => string.Create(CultureInfo.InvariantCulture, $"{s.Strategy.ToString().ToLowerInvariant()} m={s.OutlierThreshold} lambda={s.Lambda} [{s.Min}, {s.Max}]"),
        };

        private static string Format(object value) => value switch
        {
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
    }
}
