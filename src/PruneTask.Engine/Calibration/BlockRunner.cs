using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Calibration;

/// <summary>Runs a block over all calibration sequences a batch at a time, so activations never exceed one batch's worth of temporaries.</summary>
public static class BlockRunner
{
    public static void Run(TransformerBlock block, Tensor inputs, int batchSize, List<Tensor>? outputs)
    {
        using var noGrad = no_grad();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            using var scope = NewDisposeScope();
            var batch = inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start));
            var output = block.call(batch);
            outputs?.Add(output.DetachFromDisposeScope());
        }
    }

    /// <summary>The block's output for every sequence, as one tensor the caller owns.</summary>
    public static Tensor Propagate(TransformerBlock block, Tensor inputs, int batchSize)
    {
        var outputs = new List<Tensor>();
        Run(block, inputs, batchSize, outputs);
        return Concatenate(outputs);
    }

    public static Tensor Concatenate(List<Tensor> batches)
    {
        var all = cat(batches, 0).DetachFromDisposeScope();
        foreach (var batch in batches)
        {
            batch.Dispose();
        }

        return all;
    }
}
