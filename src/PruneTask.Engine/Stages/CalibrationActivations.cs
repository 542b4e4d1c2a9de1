using PruneTask.Engine.Calibration;
using PruneTask.Engine.Models;
using static TorchSharp.torch;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The calibration activations of one run, materialised only when a block asks for them: from the embedding, or from
/// the last point materialised, through the earlier blocks: with their pruned weights (pruned propagation, the
/// pass that would have run had nothing been cached) or through the dense model's blocks (dense propagation).
/// </summary>
/// <param name="forwardFlops">The counted work of one block pass over the given input.</param>
/// <param name="loadDense">Loads the dense model; null in pruned propagation.</param>
internal sealed class CalibrationActivations(
    StageContext context, PrunableModel model, Tensor tokens, Func<TransformerBlock, Tensor, double> forwardFlops, Func<PrunableModel>? loadDense)
    : IDisposable
{
    private Tensor? _hidden;
    private int _block;
    private PrunableModel? _dense;

    /// <summary>The input of block <paramref name="index"/> (owned by this object), replaying earlier blocks where needed.</summary>
    public Tensor At(int index)
    {
        if (_hidden is null)
        {
            using var interval = context.Ledger.Time(Stage.Calibrate);
            _hidden = model.Embed(tokens).DetachFromDisposeScope();
            _block = 0;
        }

        if (index < _block)
        {
            throw new InvalidOperationException($"The activations are at block {_block}, past block {index}.");
        }

        while (_block < index)
        {
            var block = Replayed(_block);
            Tensor next;
            using (context.Ledger.Time(Stage.Propagate))
            {
                context.Ledger.Count(Stage.Propagate, forwardFlops(block, _hidden));
                next = BlockRunner.Propagate(block, _hidden, context.BatchSize, context.Cancellation);
                block.Release();
            }

            Advance(_block + 1, next);
        }

        return _hidden;
    }

    /// <summary>Takes <paramref name="input"/> as block <paramref name="index"/>'s input.</summary>
    public void Advance(int index, Tensor input)
    {
        _hidden?.Dispose();
        _hidden = input;
        _block = index;
    }

    public void Dispose()
    {
        _hidden?.Dispose();
        _dense?.Dispose();
    }

    private TransformerBlock Replayed(int index)
    {
        if (loadDense is null)
        {
            return model.Blocks[index];
        }

        _dense ??= loadDense();
        return _dense.Blocks[index];
    }
}
