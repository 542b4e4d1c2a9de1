using PruneTask.Engine.IO;
using System.CommandLine;
using PruneTask.Engine.Planning;
using PruneTask.Engine.Stages;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Reporting;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>dotnet prune run RECIPE</c>: calibrate, allocate, prune, evaluate and export, reusing every cached result.
/// Exit code 0 on success, 1 for an invalid recipe, 2 when the run fails, the pruned model fails the recipe's quality gate
/// or its output or cache path is refused before any work, 130 on SIGINT and 143 on SIGTERM.
/// </summary>
public static class RunCommand
{
    public static Command Create()
    {
        var recipe = new Argument<string>("recipe") { Description = "The recipe (*.prune.yaml) to run." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the pruned model here instead of the recipe's output.path." };
        var cacheDir = new Option<string?>("--cache-dir") { Description = "Cache folder instead of the recipe's cache.path (default: $PRUNE_CACHE_DIR, else the per-user cache)." };
        var depsFile = new Option<string?>("--deps-file") { Description = "Write every input file the run reads to this file, one absolute path a line (for build tools)." };
        var strict = new Option<bool>("--strict") { Description = "Treat a rule that matches no layer as an error." };
        var batch = new Option<int>("--batch-size") { Description = "Calibration sequences run through a block at once.", DefaultValueFactory = _ => new RunOptions().BatchSize };
        var threads = ComputeThreads.Create("Threads for tensor work (default: all cores); results, and so cache keys, depend on it.");
        var command = new Command("run", "Prune a model as a recipe says: calibrate, allocate, prune, evaluate, export (cached by content).");
        command.Arguments.Add(recipe);
        foreach (var option in new Option[] { output, cacheDir, depsFile, strict, batch, threads })
        {
            command.Options.Add(option);
        }

        RecipeOverrideOptions.AddTo(command);
        command.SetAction(parseResult =>
        {
            var (plan, exitCode, loaded) = PlanLoader.Load(parseResult, parseResult.GetValue(recipe)!, parseResult.GetValue(strict));
            if (parseResult.GetValue(depsFile) is { } deps)
            {
                WriteDeps(deps, loaded.Recipe is { } r ? RunInputFiles.List(r) : [Path.GetFullPath(parseResult.GetValue(recipe)!)]);
            }

            if (plan is null)
            {
                return exitCode;
            }

            ComputeThreads.Apply(parseResult, threads);
            var options = new RunOptions
            {
                OutputDirectory = parseResult.GetValue(output),
                CacheDirectory = parseResult.GetValue(cacheDir),
                BatchSize = Math.Max(1, parseResult.GetValue(batch)),
            };
            using var signals = new RunSignals();
            try
            {
                var result = ProgressDisplays.Show(parseResult, (progress, log) => new PruneRunner(options with { Progress = progress }, log, signals.Token).Run(plan));
                RunSummary.Print(parseResult.InvocationConfiguration.Output, result);
                CiEnvironment.For(parseResult).PublishSummary(parseResult.InvocationConfiguration.Output, parseResult.InvocationConfiguration.Error, Path.Combine(result.OutputDirectory, MarkdownReport.FileName));
                return QualityGateExit(parseResult, plan, result);
            }
            catch (OperationCanceledException) when (signals.Received is not null)
            {
                parseResult.InvocationConfiguration.Error.WriteLine(
                    $"cancelled: {signals.Name} received; the run stopped at a safe point, finished cache entries are kept and the output folder is unchanged.");
                return signals.ExitCode;
            }
            catch (PruneRunException e)
            {
                var p = e.Position ?? new Recipes.Model.SourcePosition(plan.Recipe.Path, 0, 0);
                PlanLoader.Print(parseResult, [new Diagnostic(e.Code, DiagnosticSeverity.Error, p.File, p.Line, p.Column, e.Message)]);
                if (parseResult.GetValue(GlobalOptions.Verbose))
                {
                    parseResult.InvocationConfiguration.Error.WriteLine(e);
                }

                return ExitCodes.Failed;
            }
        });
        return command;
    }

    /// <summary>Exit code 2, with an error at the recipe's evaluate.max_perplexity_increase, when the pruned model fails the quality gate.</summary>
    private static int QualityGateExit(ParseResult parseResult, PrunePlan plan, RunResult result)
    {
        if (result.Report.QualityGate is not { Passed: false } gate || plan.Recipe.Evaluation?.MaxPerplexityIncrease is not { } field)
        {
            return ExitCodes.Ok;
        }

        var p = field.Position;
        PlanLoader.Print(parseResult, [new Diagnostic(RunErrorCodes.QualityGateFailed, DiagnosticSeverity.Error, p.File, p.Line, p.Column, QualityGate.Describe(gate, result.Report.Evaluation!))]);
        return ExitCodes.Failed;
    }

    private static void WriteDeps(string path, IReadOnlyList<string> files)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        AtomicFile.WriteAllLines(full, files);
    }
}
