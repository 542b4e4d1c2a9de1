using System.Globalization;

namespace PruneTask.Engine.Benchmarks;

/// <summary>This process's memory and the machine's load, from /proc (Linux); null elsewhere.</summary>
public static class ProcessMemory
{
    /// <summary>Resident anonymous memory (heap, tensors; not mapped files) in bytes: RssAnon of /proc/self/status.</summary>
    public static long? ResidentAnonymous() => StatusField("RssAnon");

    /// <summary>Peak resident memory, mapped files included, in bytes: VmHWM of /proc/self/status.</summary>
    public static long? PeakResident() => StatusField("VmHWM");

    /// <summary>The 1-minute load average: runnable and running threads on the machine, averaged.</summary>
    public static double? LoadAverage()
    {
        try
        {
            var first = File.ReadAllText("/proc/loadavg").Split(' ')[0];
            return double.Parse(first, CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            return null;
        }
    }

    private static long? StatusField(string name)
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith(name + ":", StringComparison.Ordinal))
                {
                    var kilobytes = line[(name.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(kilobytes, CultureInfo.InvariantCulture) * 1024;
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
        }

        return null;
    }
}
