using PruneTask.Engine.IO;

namespace PruneTask.Engine.Models;

/// <summary>
/// A prunable linear as the checkpoint holds it, described from tensor headers alone.
/// </summary>
/// <param name="Name">Checkpoint module name, e.g. model.layers.3.mlp.down_proj.</param>
/// <param name="Block">Index of the transformer block that holds it.</param>
/// <param name="Role">What it computes; several flags for a fused linear.</param>
/// <param name="InputKey">Equal for linears that read the same input tensor (q/k/v; gate/up): the name of the first of them.</param>
/// <param name="OutFeatures">Rows of the [out, in] weight.</param>
/// <param name="InFeatures">Columns of the [out, in] weight.</param>
/// <param name="StoredDtype">The weight's dtype in the checkpoint.</param>
/// <param name="StoredLayout">The weight's orientation in the checkpoint.</param>
/// <param name="HasBias">Whether the checkpoint holds <c>Name.bias</c>.</param>
/// <param name="Parts">Row ranges per role; one part covering every row unless the linear is fused.</param>
public sealed record LinearSpec(
    string Name,
    int Block,
    LinearRole Role,
    string InputKey,
    long OutFeatures,
    long InFeatures,
    TensorDtype StoredDtype,
    WeightLayout StoredLayout,
    bool HasBias,
    IReadOnlyList<LinearPart> Parts)
{
    public string WeightName => Name + ".weight";

    public string? BiasName => HasBias ? Name + ".bias" : null;

    public long ParameterCount => OutFeatures * InFeatures + (HasBias ? OutFeatures : 0);
}

/// <summary>The output rows [FirstRow, FirstRow + Rows) of a linear that serve one role.</summary>
public sealed record LinearPart(LinearRole Role, long FirstRow, long Rows);

/// <summary>How a checkpoint stores a linear's weight; the model always computes with [out, in].</summary>
public enum WeightLayout
{
    /// <summary>[out, in], as torch.nn.Linear stores it.</summary>
    OutIn,

    /// <summary>[in, out], as GPT-2's Conv1D stores it.</summary>
    InOut,
}
