using TorchSharp;

namespace PruneTask.Engine.Calibration;

/// <summary>
/// What a model's embeddings take, for calibration or evaluation: token ids ([samples, sequence_length] int64) for
/// language models, pixel values ([samples, channels, height, width] float32) for image models.
/// <see cref="Fingerprint"/> changes exactly when what the model will see changes, so cache keys use it;
/// <see cref="SourceSha256"/> hashes the data file's bytes (for an image folder, every image's path and bytes and the
/// preprocessing settings: see <see cref="Images.ImageFolderHash"/>).
/// </summary>
public interface IModelInputs
{
    int Samples { get; }

    string Fingerprint { get; }

    string SourceSha256 { get; }

    /// <summary>Every sample as one CPU tensor; the caller owns it.</summary>
    torch.Tensor ToTensor();
}
