using PruneTask.Recipes.Resolution;

namespace PruneTask.Recipes.Tests.Support;

/// <summary>Layer lists shaped like the shared tiny fixtures (tiny-llama-gqa, tiny-opt), as the engine would describe them.</summary>
internal static class TinyModels
{
    public static IReadOnlyList<LayerDescriptor> Llama(int blocks = 2) =>
    [
        .. Enumerable.Range(0, blocks).SelectMany(b => new[]
        {
            new LayerDescriptor($"model.layers.{b}.self_attn.q_proj", b, 64, 64, LayerRoles.AttentionQuery),
            new LayerDescriptor($"model.layers.{b}.self_attn.k_proj", b, 32, 64, LayerRoles.AttentionKey),
            new LayerDescriptor($"model.layers.{b}.self_attn.v_proj", b, 32, 64, LayerRoles.AttentionValue),
            new LayerDescriptor($"model.layers.{b}.self_attn.o_proj", b, 64, 64, LayerRoles.AttentionOutput),
            new LayerDescriptor($"model.layers.{b}.mlp.gate_proj", b, 160, 64, LayerRoles.MlpGate),
            new LayerDescriptor($"model.layers.{b}.mlp.up_proj", b, 160, 64, LayerRoles.MlpUp),
            new LayerDescriptor($"model.layers.{b}.mlp.down_proj", b, 64, 160, LayerRoles.MlpDown),
        }),
    ];

    public static IReadOnlyList<LayerDescriptor> Opt(int blocks = 2) =>
    [
        .. Enumerable.Range(0, blocks).SelectMany(b => new[]
        {
            new LayerDescriptor($"model.decoder.layers.{b}.self_attn.q_proj", b, 64, 64, LayerRoles.AttentionQuery),
            new LayerDescriptor($"model.decoder.layers.{b}.self_attn.k_proj", b, 64, 64, LayerRoles.AttentionKey),
            new LayerDescriptor($"model.decoder.layers.{b}.self_attn.v_proj", b, 64, 64, LayerRoles.AttentionValue),
            new LayerDescriptor($"model.decoder.layers.{b}.self_attn.out_proj", b, 64, 64, LayerRoles.AttentionOutput),
            new LayerDescriptor($"model.decoder.layers.{b}.fc1", b, 256, 64, LayerRoles.MlpUp),
            new LayerDescriptor($"model.decoder.layers.{b}.fc2", b, 64, 256, LayerRoles.MlpDown),
        }),
    ];
}
