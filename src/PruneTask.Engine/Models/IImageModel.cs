namespace PruneTask.Engine.Models;

/// <summary>
/// A model whose input is images: <see cref="PrunableModel.Embed"/> takes float32 pixel values
/// [batch, Channels, Height, Width], already resized and normalised as the model's preprocessor_config.json says.
/// </summary>
public interface IImageModel
{
    ImageShape ImageInput { get; }

    /// <summary>How many classes the head scores ([batch, classes] logits), or null when the head returns features.</summary>
    int? ClassCount { get; }
}
