using PruneTask.Engine.Models;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>Where images for a vision model come from and how many to use (see <see cref="ImageDataLoader"/>).</summary>
public sealed record ImageDataOptions
{
    public required string Path { get; init; }

    /// <summary>How many images to use, the first ones in order; 0 for all of them.</summary>
    public required int Samples { get; init; }

    /// <summary>The pixel layout the model takes; every image must have it.</summary>
    public required ImageShape Input { get; init; }

    /// <summary>
    /// The model folder, for image folders: its preprocessor_config.json says how images are resized and normalised,
    /// its config.json's label2id may label the class folders.
    /// </summary>
    public string? ModelDirectory { get; init; }
}
