using PruneTask.Engine.Calibration;
using PruneTask.Engine.Models;
using static TorchSharp.torch;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Evaluation;

/// <summary>
/// Perplexity exp(mean next-token negative log-likelihood) over windows of token ids [samples, tokens]: every
/// position but the last predicts the next. Runs block by block, so one block's weights are in memory at a time.
/// </summary>
public static class Perplexity
{
    /// <param name="progress">When given, receives an evaluation step named <paramref name="label"/> after each block and after the output head.</param>
    public static double Compute(
        PrunableModel model, Tensor tokens, int batchSize, CancellationToken cancellation = default, IProgress<RunProgress>? progress = null, string label = "")
    {
        using var noGrad = no_grad();
        var steps = model.Blocks.Count + 1;
        using var hidden = BlockRunner.ThroughAllBlocks(model, tokens, batchSize, cancellation, done => progress?.Report(RunProgress.Evaluation(done, steps, label)));

        double nll = 0;
        long count = 0;
        for (long start = 0; start < tokens.shape[0]; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var rows = Math.Min(batchSize, tokens.shape[0] - start);
            var logits = model.Head(hidden.narrow(0, start, rows));
            var predicted = logits.narrow(1, 0, logits.shape[1] - 1).to(float64);
            var targets = tokens.narrow(0, start, rows).narrow(1, 1, tokens.shape[1] - 1);
            nll += nn.functional.cross_entropy(predicted.reshape(-1, predicted.shape[^1]), targets.reshape(-1), reduction: nn.Reduction.Sum).item<double>();
            count += targets.numel();
        }

        progress?.Report(RunProgress.Evaluation(steps, steps, label));
        return Math.Exp(nll / count);
    }
}
