using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Calibration;

/// <summary>Runs a block over all calibration sequences a batch at a time, so activations never exceed one batch's worth of temporaries.</summary>
public static class BlockRunner
{
    public static void Run(TransformerBlock block, Tensor inputs, int batchSize, List<Tensor>? outputs, CancellationToken cancellation = default)
    {
        using var noGrad = no_grad();
        for (long start = 0; start < inputs.shape[0]; start += batchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var batch = inputs.narrow(0, start, Math.Min(batchSize, inputs.shape[0] - start));
            var output = block.call(batch);
            outputs?.Add(output.DetachFromDisposeScope());
        }
    }

    /// <summary>The block's output for every sequence, as one tensor the caller owns.</summary>
    public static Tensor Propagate(TransformerBlock block, Tensor inputs, int batchSize, CancellationToken cancellation = default)
    {
        var outputs = new List<Tensor>();
        try
        {
            Run(block, inputs, batchSize, outputs, cancellation);
        }
        catch (OperationCanceledException)
        {
            outputs.ForEach(o => o.Dispose());
            throw;
        }

        return Concatenate(outputs);
    }

    /// <summary>
    /// Embeds <paramref name="inputs"/> and runs them through every block, a batch at a time, releasing the weights of
    /// blocks that were not loaded before. Returns the last block's output, outside any dispose scope (the caller disposes it).
    /// </summary>
    /// <param name="blockDone">When given, called with the number of blocks done after each block.</param>
    public static Tensor ThroughAllBlocks(PrunableModel model, Tensor inputs, int batchSize, CancellationToken cancellation = default, Action<int>? blockDone = null)
    {
        using var noGrad = no_grad();
        var hidden = model.Embed(inputs).DetachFromDisposeScope();
        foreach (var block in model.Blocks)
        {
            var wasMaterialized = block.IsMaterialized;
            Tensor next;
            try
            {
                next = Propagate(block, hidden, batchSize, cancellation);
            }
            catch (OperationCanceledException)
            {
                hidden.Dispose();
                throw;
            }

            hidden.Dispose();
            hidden = next;
            if (!wasMaterialized)
            {
                block.Release();
            }

            blockDone?.Invoke(block.Index + 1);
        }

        return hidden;
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
