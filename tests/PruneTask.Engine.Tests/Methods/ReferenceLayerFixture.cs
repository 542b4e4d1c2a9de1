using PruneTask.Engine.IO;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// The shared layer of ../shared/fixtures/methods (its README): W [64, 128] and X [512, 128] = 4 sequences of 128 tokens,
/// plus X_dead with column 109 zero. Statistics are computed here in float64 from the stored float32 activations.
/// </summary>
internal static class ReferenceLayerFixture
{
    public const long Sequences = 4;

    public const int DeadColumn = 109;

    public static SafetensorsFile Open(string file) => SafetensorsFile.Open(RepositoryPaths.Fixture("methods", file));

    public static torch.Tensor Load(string file, string name)
    {
        using var source = Open(file);
        return source.Load(name);
    }

    public static torch.Tensor Weight() => Load("inputs.safetensors", "W");

    /// <summary>X for the normal case, X_dead for the dead case.</summary>
    public static torch.Tensor Activations(bool dead) => Load("inputs.safetensors", dead ? "X_dead" : "X");

    /// <summary>The name a reference output carries in the given case ("name" or "name_dead").</summary>
    public static string Name(string name, bool dead) => dead ? name + "_dead" : name;

    public static torch.Tensor SquaredNorms(torch.Tensor activations)
    {
        using var scope = torch.NewDisposeScope();
        return activations.to(torch.float64).square().sum(dim: 0).MoveToOuterDisposeScope();
    }

    public static torch.Tensor Gram(torch.Tensor activations)
    {
        using var scope = torch.NewDisposeScope();
        var x = activations.to(torch.float64);
        return x.T.matmul(x).MoveToOuterDisposeScope();
    }
}
