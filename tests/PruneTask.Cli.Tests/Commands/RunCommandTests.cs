using PruneTask.Cli.Tests.Support;
using PruneTask.Engine.Tests.Stages;

namespace PruneTask.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private readonly RunFolder _folder = new();

    [Fact]
    public void A_model_that_fails_the_quality_gate_exits_2_with_an_error_at_the_recipe_field()
    {
        GreedyText.Write(Path.Combine(_folder.Root, "greedy.bin"));
        var recipe = _folder.Recipe("gate", """
            defaults:
              method: magnitude
              sparsity: 0.7
            evaluate:
              dataset: greedy.bin
              sequence_length: 32
              max_perplexity_increase: 0.01
            """);

        var (exitCode, _, error) = Cli.Run("run", recipe, "-v", "quiet");

        Assert.Equal(ExitCodes.Failed, exitCode);
        var line = Assert.Single(error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"{recipe}(14,28): error PRN108: The pruned model's perplexity ", line, StringComparison.Ordinal);
        Assert.Contains("evaluate.max_perplexity_increase allows 1.00 %", line, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder.Output("gate"), "report.md")));
        Assert.False(File.Exists(Path.Combine(_folder.Output("gate"), "prune.lock.json")));

        // The failed run's folder has no lock file, but its report marks it as this tool's: a rerun replaces it.
        var (rerunCode, _, rerunError) = Cli.Run("run", recipe, "-v", "quiet");
        Assert.Equal(ExitCodes.Failed, rerunCode);
        Assert.Contains("error PRN108: ", rerunError, StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Dispose();
}
