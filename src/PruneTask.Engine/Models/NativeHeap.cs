using System.Runtime.InteropServices;

namespace PruneTask.Engine.Models;

/// <summary>
/// Keeps weight-sized native allocations returnable to the system. glibc raises its mmap threshold each time a
/// large mmap'd block is freed, so later weights come from the heap and are never given back: running the blocks
/// of a 1 GB model six times grew anonymous memory from 180 MB to 600 MB although every tensor was disposed.
/// Fixing the threshold at glibc's default (128 KiB) stops that (it stayed flat at 86 MB).
/// </summary>
internal static partial class NativeHeap
{
    private const int MmapThresholdParameter = -3;
    private const int DefaultMmapThreshold = 128 * 1024;
    private static readonly Lazy<bool> Pinned = new(PinMmapThreshold);

    /// <summary>Applies the setting once per process; false (and nothing done) off Linux or where the C library has no mallopt.</summary>
    public static bool ReturnLargeBlocksToSystem() => Pinned.Value;

    private static bool PinMmapThreshold()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            return Mallopt(MmapThresholdParameter, DefaultMmapThreshold) == 1;
        }
        catch (Exception exception) when (exception is DllNotFoundException or EntryPointNotFoundException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int Mallopt(int parameter, int value);
}
