namespace PruneTask.Engine.Models;

/// <summary>
/// What a prunable linear computes inside its block. A fused linear carries several flags (Phi-3's qkv_proj is
/// Query | Key | Value) and says which rows hold which part in <see cref="LinearSpec.Parts"/>.
/// Structured pruning reads producers and consumers from these: MLP neurons are produced by Gate and Up
/// (OPT's fc1 is Up) and consumed by Down (OPT's fc2); heads are produced by Query, Key and Value and consumed by Output.
/// </summary>
[Flags]
public enum LinearRole
{
    None = 0,
    Query = 1,
    Key = 2,
    Value = 4,
    Output = 8,
    Gate = 16,
    Up = 32,
    Down = 64,
    Attention = Query | Key | Value | Output,
    Mlp = Gate | Up | Down,
}
