namespace PruneTask.Engine.IO;

/// <summary>
/// Checks that header entries tile the data region exactly as the reference implementation requires:
/// each span matches shape × dtype size, spans are in bounds, and they follow each other without overlap or gap.
/// </summary>
internal static class SafetensorsLayoutValidator
{
    /// <returns>The tensors in data-offset order, with offsets made absolute (<paramref name="dataStart"/> added).</returns>
    public static IReadOnlyList<TensorInfo> Validate(
        SafetensorsHeader header, string path, long dataStart, long dataLength)
    {
        foreach (var entry in header.Entries)
            CheckSpan(entry, path);
        var sorted = header.Entries.OrderBy(e => e.Begin).ThenBy(e => e.End).ToList();
        long cursor = 0;
        SafetensorsHeaderEntry? previous = null;
        foreach (var entry in sorted)
        {
            if (entry.End > dataLength)
                throw new SafetensorsFormatException(path,
                    $"tensor '{entry.Name}': data_offsets {Offsets(entry)} are out of range: the data region after " +
                    $"the header holds {dataLength} bytes (is the file truncated?)");
            if (entry.Begin < cursor)
                throw new SafetensorsFormatException(path,
                    $"tensors '{previous!.Name}' {Offsets(previous)} and '{entry.Name}' {Offsets(entry)} overlap");
            if (entry.Begin > cursor)
                throw new SafetensorsFormatException(path,
                    $"bytes [{cursor}, {entry.Begin}) of the data region belong to no tensor " +
                    $"(tensor '{entry.Name}' starts at {entry.Begin})");
            cursor = entry.End;
            previous = entry;
        }
        if (cursor != dataLength)
            throw new SafetensorsFormatException(path,
                $"the data region holds {dataLength} bytes but the tensors cover only {cursor}");
        return sorted
            .Select(e => new TensorInfo(e.Name, e.Dtype, Array.AsReadOnly(e.Shape), path, dataStart + e.Begin, e.End - e.Begin))
            .ToList();
    }

    private static void CheckSpan(SafetensorsHeaderEntry entry, string path)
    {
        if (entry.End < entry.Begin)
            throw new SafetensorsFormatException(path,
                $"tensor '{entry.Name}': data_offsets {Offsets(entry)} are out of order (end before begin)");
        long needed;
        try
        {
            needed = checked(entry.Shape.Aggregate(1L, (a, b) => a * b) * entry.Dtype.ElementSize());
        }
        catch (OverflowException)
        {
            throw new SafetensorsFormatException(path,
                $"tensor '{entry.Name}': shape {Shape(entry)} is too large to address");
        }
        var span = entry.End - entry.Begin;
        if (needed != span)
            throw new SafetensorsFormatException(path,
                $"tensor '{entry.Name}': shape {Shape(entry)} of {entry.Dtype} needs {needed} bytes " +
                $"but data_offsets {Offsets(entry)} span {span}");
    }

    private static string Offsets(SafetensorsHeaderEntry entry) => $"[{entry.Begin}, {entry.End}]";

    private static string Shape(SafetensorsHeaderEntry entry) => $"[{string.Join(", ", entry.Shape)}]";
}
