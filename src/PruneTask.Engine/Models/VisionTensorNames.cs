namespace PruneTask.Engine.Models;

/// <summary>Where a ViT-style checkpoint keeps the tensors outside its blocks.</summary>
/// <param name="Embeddings">Prefix of cls_token, position_embeddings and patch_embeddings.projection, e.g. "vit.embeddings.".</param>
/// <param name="Layers">Prefix of the blocks, followed by the block index, e.g. "vit.encoder.layer.".</param>
/// <param name="FinalNorm">The final LayerNorm's module name, e.g. "vit.layernorm".</param>
/// <param name="Classifier">The classifier's module name, or null for a backbone.</param>
internal sealed record VisionTensorNames(string Embeddings, string Layers, string FinalNorm, string? Classifier)
{
    /// <summary>Names under <paramref name="prefix"/> ("vit.", "dinov2." or "" for a bare backbone).</summary>
    public static VisionTensorNames Under(string prefix, string? classifier) =>
        new(prefix + "embeddings.", prefix + "encoder.layer.", prefix + "layernorm", classifier);
}
