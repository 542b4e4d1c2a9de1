using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// Reads <c>pixel_values</c> ([images, channels, height, width], any float dtype, read as float32) and, when present,
/// <c>labels</c> ([images], integer class indices) from a safetensors file.
/// </summary>
internal static class SafetensorsPixelReader
{
    public const string PixelsName = "pixel_values";
    public const string LabelsName = "labels";

    public static PixelArray Read(string path)
    {
        try
        {
            using var file = SafetensorsFile.Open(path);
            if (!file.Contains(PixelsName))
            {
                throw new CalibrationDataException(path, $"has no '{PixelsName}' tensor (it holds {string.Join(", ", file.Names.Take(5))}).");
            }

            using var scope = torch.NewDisposeScope();
            var pixels = file.LoadFloat32(PixelsName).contiguous();
            var labels = file.Contains(LabelsName) ? ReadLabels(path, file, pixels.shape[0]) : null;
            return new PixelArray(pixels.data<float>().ToArray(), pixels.shape, labels);
        }
        catch (Exception e) when (e is SafetensorsFormatException or IOException)
        {
            throw new CalibrationDataException(path, $"cannot be read: {e.Message}", e);
        }
    }

    private static long[] ReadLabels(string path, SafetensorsFile file, long images)
    {
        var labels = file.Load(LabelsName);
        if (labels.dim() != 1 || labels.shape[0] != images || labels.dtype is not (torch.ScalarType.Int64 or torch.ScalarType.Int32))
        {
            throw new CalibrationDataException(path, $"'{LabelsName}' must be int64 or int32 [{images}], not {labels.dtype} [{string.Join(", ", labels.shape)}].");
        }

        return labels.to(torch.int64).data<long>().ToArray();
    }
}
