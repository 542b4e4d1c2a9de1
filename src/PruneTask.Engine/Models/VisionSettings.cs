namespace PruneTask.Engine.Models;

/// <summary>The settings of a ViT-style encoder's config.json beyond <see cref="ModelConfig"/>.</summary>
internal sealed record VisionSettings(
    double LayerNormEps,
    int ImageSize,
    int PatchSize,
    int Channels,
    string Activation,
    bool QkvBias)
{
    public int PatchesPerSide => ImageSize / PatchSize;

    public int Tokens => (PatchesPerSide * PatchesPerSide) + 1;

    public ImageShape Input => new(Channels, ImageSize, ImageSize);

    /// <param name="layerNormEps">The model family's default (ViT 1e-12, DINOv2 1e-6).</param>
    public static VisionSettings Read(ModelConfig config, double layerNormEps, int imageSize, int patchSize)
    {
        var json = config.Json;
        var activation = json.String("hidden_act") ?? "gelu";
        _ = Activations.Resolve(activation, "hidden_act");
        var settings = new VisionSettings(
            json.Double("layer_norm_eps", layerNormEps),
            json.PositiveInt("image_size", imageSize),
            json.PositiveInt("patch_size", patchSize),
            json.PositiveInt("num_channels", 3),
            activation,
            json.Bool("qkv_bias", true));
        if (settings.ImageSize % settings.PatchSize != 0)
        {
            throw new InvalidModelException($"config.json: image_size ({settings.ImageSize}) must be a multiple of patch_size ({settings.PatchSize}).");
        }

        return settings;
    }
}
