using PruneTask.Engine.Calibration.Data;
using StbImageSharp;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Decodes PNG and JPEG files with StbImageSharp (a managed port of stb_image) to 8-bit RGB: grey is repeated into
/// the three channels, alpha is dropped (as PIL's <c>convert("RGB")</c> does), 16-bit PNGs are reduced to 8 bits.
/// </summary>
internal static class ImageFileDecoder
{
    public static DecodedImage Decode(string path, byte[] bytes)
    {
        ImageResult image;
        try
        {
            image = ImageResult.FromMemory(bytes, ColorComponents.RedGreenBlue);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // stb_image reports a corrupt or unsupported file as InvalidOperationException; a truncated one can also
            // surface as an index or argument error from the port.
            throw new CalibrationDataException(path, $"is not a readable PNG or JPEG image: {e.Message}", e);
        }

        if (image.Width <= 0 || image.Height <= 0 || image.Data is null || image.Data.Length != (long)image.Width * image.Height * 3)
        {
            throw new CalibrationDataException(path, "is not a readable PNG or JPEG image: it decoded to no pixels.");
        }

        return new DecodedImage(image.Data, image.Width, image.Height);
    }
}

/// <summary>An image decoded to 8-bit RGB: <see cref="Width"/> × <see cref="Height"/> × 3 bytes, row by row.</summary>
internal sealed record DecodedImage(byte[] Rgb, int Width, int Height);
