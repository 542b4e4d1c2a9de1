using PruneTask.Engine.IO;
using PruneTask.Engine.Methods;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Methods;

/// <summary>
/// The reference results in tests/fixtures/methods (see its README): one [64, 128] layer, calibrated on
/// X = 4 sequences of 128 tokens. Case "" uses X, case "_dead" uses X_dead (column 109 zero).
/// </summary>
internal static class MethodFixtures
{
    public const long Sequences = 4;

    public static TheoryData<string> Cases => new() { "", "_dead" };

    public static SafetensorsFile Open(string file) => SafetensorsFile.Open(RepositoryPaths.Fixture("methods", file));

    public static torch.Tensor Input(string name)
    {
        using var inputs = Open("inputs.safetensors");
        return inputs.Load(name);
    }

    /// <summary>Gram XᵀX in float64, its diagonal, 512 tokens, 4 sequences, as calibration would gather them.</summary>
    public static LayerStatistics Statistics(string suffix)
    {
        using var x = Input(suffix == "" ? "X" : "X_dead");
        return SyntheticLayer.Statistics(x, Sequences);
    }

    /// <summary>The fixture's U8 mask (1 = pruned) as bool.</summary>
    public static torch.Tensor Mask(SafetensorsFile file, string name)
    {
        using var stored = file.Load(name);
        return stored.ne(0);
    }

    public static bool SameMask(torch.Tensor expected, torch.Tensor prunedWeight)
    {
        using var scope = torch.NewDisposeScope();
        return expected.eq(prunedWeight.eq(0)).all().item<bool>();
    }

    public static double MaxAbsoluteDifference(torch.Tensor expected, torch.Tensor actual)
    {
        using var scope = torch.NewDisposeScope();
        return (expected.to_type(torch.float64) - actual.to_type(torch.float64)).abs().max().item<double>();
    }
}
