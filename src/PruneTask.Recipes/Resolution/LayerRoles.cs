namespace PruneTask.Recipes.Resolution;

/// <summary>
/// What a linear layer does in its block, independent of the architecture's names. Structured methods use it:
/// OSSCAR prunes neurons at <see cref="MlpDown"/> (down_proj, fc2, mlp.c_proj) and heads at
/// <see cref="AttentionOutput"/> (o_proj, out_proj, attn.c_proj).
/// </summary>
public static class LayerRoles
{
    public const string AttentionQuery = "attention.query";
    public const string AttentionKey = "attention.key";
    public const string AttentionValue = "attention.value";

    /// <summary>A fused query/key/value projection (GPT-2 c_attn, Phi-3 qkv_proj).</summary>
    public const string AttentionQkv = "attention.qkv";

    public const string AttentionOutput = "attention.output";
    public const string MlpGate = "mlp.gate";

    /// <summary>The MLP's input projection: up_proj, fc1, mlp.c_fc.</summary>
    public const string MlpUp = "mlp.up";

    /// <summary>A fused gate/up projection (Phi-3 gate_up_proj).</summary>
    public const string MlpGateUp = "mlp.gate_up";

    /// <summary>The MLP's output projection: down_proj, fc2, mlp.c_proj.</summary>
    public const string MlpDown = "mlp.down";
}
