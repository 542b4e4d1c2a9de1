using System.Text.RegularExpressions;
using PruneTask.Engine.Models;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.Models;

/// <summary>Device placement stays in one place (<see cref="ComputeDevice"/>), so a CUDA build is a small change.</summary>
public sealed partial class ComputeDeviceTests
{
    /// <summary>Files that create tensors from what they read, before <see cref="ComputeDevice.Place"/> sees them, or for a report.</summary>
    private static readonly string[] HostSide =
    [
        "Models/FactoredWeights.cs", // a weight source, read through LazyTensor
        "Calibration/Data/CalibrationSet.cs", // token ids, placed by PrunableModel.Embed
        "Calibration/Images/PixelSet.cs", // pixels, placed by PrunableModel.Embed
        "Calibration/Images/ImagePreprocessor.cs", // decoding images on the host
        "Methods/SparseGptSolver.cs", // row losses for the report
    ];

    [Fact]
    public void A_tensor_already_on_the_compute_device_is_placed_as_is()
    {
        using var tensor = torch.ones(3);

        Assert.Same(tensor, ComputeDevice.Place(tensor));
    }

    [Fact]
    public void Every_tensor_the_compute_path_creates_names_its_device()
    {
        var engine = Path.Combine(RepositoryPaths.Root, "src", "PruneTask.Engine");
        string[] computeFolders = ["Models", "Methods", "Calibration", "Stages", "Allocation", "Structured", "Evaluation"];
        var unplaced =
            from folder in computeFolders
            from file in Directory.EnumerateFiles(Path.Combine(engine, folder), "*.cs", SearchOption.AllDirectories)
            let relative = Path.GetRelativePath(engine, file).Replace(Path.DirectorySeparatorChar, '/')
            where !HostSide.Contains(relative)
            from line in File.ReadLines(file).Select((text, index) => (text, index))
            where Factory().IsMatch(line.text) && !line.text.Contains("device", StringComparison.Ordinal) && !line.text.TrimStart().StartsWith("///", StringComparison.Ordinal)
            select $"{relative}:{line.index + 1}: {line.text.Trim()}";

        Assert.Empty(unplaced);
    }

    [GeneratedRegex(@"(?<![\w.])(torch\.)?(zeros|ones|empty|eye|full|arange|randn|rand|tensor|linspace)\(")]
    private static partial Regex Factory();
}
