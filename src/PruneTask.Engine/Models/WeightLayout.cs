namespace PruneTask.Engine.Models;

/// <summary>How a checkpoint stores a linear's weight; the model always computes with [out, in].</summary>
public enum WeightLayout
{
    /// <summary>[out, in], as torch.nn.Linear stores it.</summary>
    OutIn,

    /// <summary>[in, out], as GPT-2's Conv1D stores it.</summary>
    InOut,
}
