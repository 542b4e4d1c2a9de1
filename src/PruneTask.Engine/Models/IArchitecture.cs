using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// One model family. Adding an architecture means one file that implements this interface (by deriving
/// <see cref="TransformerArchitecture{TSettings}"/> or <see cref="DecoderArchitecture{TSettings}"/>) and one line in
/// <see cref="Architectures"/>.
/// </summary>
public interface IArchitecture
{
    /// <summary>The config.json "architectures" (or "model_type") values this family accepts.</summary>
    IReadOnlyList<string> Names { get; }

    ModelConfig ReadConfig(ConfigJson json, string architecture);

    /// <summary>The prunable linears in block order, from tensor headers only (no weight is read).</summary>
    IReadOnlyList<LinearSpec> DescribeLinears(ModelConfig config, ITensorSource weights);

    /// <summary>Builds the model; weights are read lazily from <paramref name="weights"/>, which the caller keeps owning.</summary>
    PrunableModel Create(ModelConfig config, ITensorSource weights);
}
