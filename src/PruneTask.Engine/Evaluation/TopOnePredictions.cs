using PruneTask.Engine.Calibration;
using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Evaluation;

/// <summary>
/// Top-1 classification of images: the arg-max class of a classifier's logits per image, and the two scores built on
/// it (accuracy against labels, agreement between two models). Runs block by block, so one block's weights are in
/// memory at a time.
/// </summary>
public static class TopOnePredictions
{
    /// <param name="pixels">float32 [images, channels, height, width].</param>
    /// <returns>The predicted class of every image.</returns>
    public static long[] Compute(PrunableModel model, Tensor pixels, int batchSize, CancellationToken cancellation = default)
    {
        using var noGrad = no_grad();
        using var hidden = BlockRunner.ThroughAllBlocks(model, pixels, batchSize, cancellation);

        var predictions = new List<long>();
        for (long start = 0; start < hidden.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var logits = model.Head(hidden.narrow(0, start, Math.Min(batchSize, hidden.shape[0] - start)));
            if (logits.dim() != 2)
            {
                throw new InvalidOperationException($"Top-1 scores need class logits [images, classes]; {model.Config.Architecture} returns [{string.Join(", ", logits.shape)}].");
            }

            predictions.AddRange(logits.argmax(1).data<long>().ToArray());
        }

        return predictions.ToArray();
    }

    /// <summary>The fraction of images whose prediction is their label.</summary>
    public static double Accuracy(IReadOnlyList<long> predictions, IReadOnlyList<long> labels) => Agreement(predictions, labels);

    /// <summary>The fraction of images on which both lists name the same class.</summary>
    public static double Agreement(IReadOnlyList<long> first, IReadOnlyList<long> second)
    {
        if (first.Count != second.Count || first.Count == 0)
        {
            throw new ArgumentException($"Top-1 scores compare two equally long, non-empty lists, not {first.Count} and {second.Count} entries.");
        }

        return (double)first.Zip(second).Count(p => p.First == p.Second) / first.Count;
    }
}
