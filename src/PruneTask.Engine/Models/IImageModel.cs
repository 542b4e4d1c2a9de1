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

/// <summary>The pixel layout one image takes: [Channels, Height, Width].</summary>
public readonly record struct ImageShape(int Channels, int Height, int Width)
{
    public override string ToString() => $"[{Channels}, {Height}, {Width}]";
}
