using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>What a model folder holds, read from config.json and tensor headers only.</summary>
/// <param name="ParameterCount">Elements of every stored tensor (a tied head is stored, and counted, once).</param>
/// <param name="ParametersByDtype">The same count split by stored dtype.</param>
/// <param name="Linears">The prunable linears in block order.</param>
public sealed record ModelSummary(
    ModelConfig Config,
    long ParameterCount,
    IReadOnlyDictionary<TensorDtype, long> ParametersByDtype,
    IReadOnlyList<LinearSpec> Linears)
{
    public static ModelSummary Describe(ModelConfig config, ITensorSource weights)
    {
        var infos = weights.Names.Select(weights.Info).ToArray();
        var byDtype = infos
            .GroupBy(info => info.Dtype)
            .OrderBy(group => group.Key)
            .ToDictionary(group => group.Key, group => group.Sum(info => info.ElementCount));
        var linears = Architectures.Find(config.Architecture).DescribeLinears(config, weights);
        return new ModelSummary(config, infos.Sum(info => info.ElementCount), byDtype, linears);
    }
}
