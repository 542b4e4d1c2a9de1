using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Export.Onnx;

/// <summary>Runs model.onnx in ONNX Runtime and the engine's forward pass on the same token windows and compares their logits.</summary>
public static class OnnxVerifier
{
    /// <summary>The largest |Δ| allowed, relative to the logits' scale (max(1, max |logit|)).</summary>
    public const double RelativeTolerance = 1e-3;

    /// <param name="windows">Token ids int64 [windows, tokens]; each window is run on its own.</param>
    public static (double MaxAbsDifference, double LogitScale) Compare(string onnxPath, PrunableModel model, Tensor windows)
    {
        using var session = new OnnxSession(onnxPath);
        var (count, tokens) = ((int)windows.shape[0], (int)windows.shape[1]);
        var (difference, scale) = (0.0, 0.0);
        for (var w = 0; w < count; w++)
        {
            using var scope = NewDisposeScope();
            var window = windows[w].unsqueeze(0).to(int64).contiguous();
            var expected = model.Forward(window);
            var actual = tensor(session.Logits(window.data<long>().ToArray(), 1, tokens), expected.shape);
            difference = Math.Max(difference, actual.sub(expected).abs().max().item<float>());
            scale = Math.Max(scale, expected.abs().max().item<float>());
        }

        return (difference, scale);
    }

    public static double Tolerance(double logitScale) => RelativeTolerance * Math.Max(1.0, logitScale);
}
