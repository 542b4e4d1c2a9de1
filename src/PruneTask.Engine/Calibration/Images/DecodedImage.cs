namespace PruneTask.Engine.Calibration.Images;

/// <summary>An image decoded to 8-bit RGB: <see cref="Width"/> × <see cref="Height"/> × 3 bytes, row by row.</summary>
internal sealed record DecodedImage(byte[] Rgb, int Width, int Height);
