namespace PruneTask.Engine.Calibration.Images;

/// <summary>Pixel values as a file holds them: float32, row-major, with the file's shape and labels when it has them.</summary>
internal sealed record PixelArray(float[] Values, long[] Shape, long[]? Labels);
