using PruneTask.Engine.Planning;
using PruneTask.Engine.Stages;
using PruneTask.Recipes;
using PruneTask.Tests.Common;
using Serilog.Core;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Stages;

/// <summary>A temporary folder with token data and recipes over a fixture model (tiny-llama-gqa unless told), and a way to run them.</summary>
internal sealed class PipelineWorkspace : IDisposable
{
    /// <summary>Wanda at 50% on every layer: the recipe body of most pipeline tests.</summary>
    public const string Wanda = """
        defaults:
          method: wanda
          sparsity: 0.5
        """;

    /// <summary>OATS at 50% compression with a quarter of the budget low-rank: the recipe body of the factored-output tests.</summary>
    public const string Oats = """
        defaults:
          method: oats
          compression: 0.5
          rank_ratio: 0.25
          iterations: 4
        """;

    public PipelineWorkspace()
    {
        Root = Directory.CreateTempSubdirectory("prune-pipeline-").FullName;
        var random = new Random(5);
        var ids = Enumerable.Range(0, 4096).Select(_ => (long)random.Next(128)).ToArray();
        File.WriteAllBytes(Path.Combine(Root, "tokens.bin"), ids.SelectMany(BitConverter.GetBytes).ToArray());
    }

    public string Root { get; }

    public string Cache => Path.Combine(Root, "cache");

    public string Output => Path.Combine(Root, "out");

    /// <summary>Writes recipe.prune.yaml over the fixture model with the given YAML appended.</summary>
    /// <param name="calibrated">Whether the recipe has a calibration section (methods other than magnitude need one).</param>
    public string Recipe(string body, string propagation = "pruned", string fixture = "tiny-llama-gqa", string format = "dense", bool calibrated = true)
    {
        var calibration = calibrated
            ? $"""
              calibration:
                dataset: tokens.bin
                samples: 8
                sequence_length: 32
                propagation: {propagation}
              """
            : string.Empty;
        var text = $"""
            version: 1
            model:
              path: {RepositoryPaths.Fixture("models", fixture)}
            {calibration}
            output:
              path: out
              format: {format}
            cache:
              path: cache
            {body}
            """;
        var path = Path.Combine(Root, "recipe.prune.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    /// <param name="output">A folder under <see cref="Root"/> to write to instead of the recipe's "out".</param>
    /// <param name="cache">A folder under <see cref="Root"/> to cache in instead of the recipe's "cache".</param>
    /// <param name="progress">Receives the run's progress events.</param>
    public RunResult Run(string recipePath, string? output = null, string? cache = null, IProgress<RunProgress>? progress = null)
    {
        var loaded = RecipeLoader.Load(recipePath);
        Assert.True(loaded.Recipe is not null, string.Join("\n", loaded.Diagnostics));
        var plan = PrunePlan.Build(loaded.Recipe!, strict: false);
        Assert.False(plan.HasErrors, string.Join("\n", plan.Diagnostics));
        var options = new RunOptions
        {
            OutputDirectory = output is null ? null : Path.Combine(Root, output),
            CacheDirectory = cache is null ? null : Path.Combine(Root, cache),
            Progress = progress,
        };
        return new PruneRunner(options, Logger.None).Run(plan);
    }

    public byte[] OutputBytes(string file) => File.ReadAllBytes(Path.Combine(Output, file));

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
