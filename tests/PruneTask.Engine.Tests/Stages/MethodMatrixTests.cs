namespace PruneTask.Engine.Tests.Stages;

/// <summary>Every method runs from a recipe on every fixture architecture, and an identical second run takes everything from the cache.</summary>
public sealed class MethodMatrixTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    public static TheoryData<string, string> Runs()
    {
        var data = new TheoryData<string, string>();
        foreach (var (fixture, down, output) in new[] { ("tiny-llama-gqa", "*.mlp.down_proj", "*.self_attn.o_proj"), ("tiny-opt", "*.fc2", "*.self_attn.out_proj") })
        {
            data.Add(fixture, "defaults: {method: magnitude, sparsity: 0.5}");
            data.Add(fixture, "defaults: {method: wanda, sparsity: 0.5}");
            data.Add(fixture, "defaults: {method: sparsegpt, pattern: \"2:4\"}");
            data.Add(fixture, "defaults: {method: oats, compression: 0.5, iterations: 3}");
            data.Add(fixture, $"layers: [{{match: \"{down}\", method: osscar, keep: 0.75}}, {{match: \"{output}\", method: osscar, keep: 0.5}}]");
            data.Add(fixture, $"layers: [{{match: \"{down}\", method: norm, keep: 0.75}}]");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Runs))]
    public void The_method_runs_and_a_second_run_computes_nothing(string fixture, string body)
    {
        var recipe = _workspace.Recipe(body, fixture: fixture);

        var first = _workspace.Run(recipe);
        var second = _workspace.Run(recipe);

        Assert.Contains(first.Report.Layers, l => l.Cache == "miss");
        Assert.True(first.Report.Totals.ParametersAfter < first.Report.Totals.ParametersBefore);
        Assert.All(second.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.DoesNotContain(second.Report.Blocks, b => b.StatisticsCache == "miss");
        Assert.Equal(first.Lock.Outputs, second.Lock.Outputs);
    }

    public void Dispose() => _workspace.Dispose();
}
