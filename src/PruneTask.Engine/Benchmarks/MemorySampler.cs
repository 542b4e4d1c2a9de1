namespace PruneTask.Engine.Benchmarks;

/// <summary>
/// Samples this process's anonymous resident memory on a background thread until disposed and keeps the largest
/// value: the kernel keeps a peak only for all resident memory (VmHWM), which counts touched pages of mapped weights.
/// </summary>
public sealed class MemorySampler : IDisposable
{
    private readonly Thread _thread;
    private readonly TimeSpan _interval;
    private volatile bool _stop;
    private long _peak;

    public MemorySampler(TimeSpan interval)
    {
        _interval = interval;
        Baseline = ProcessMemory.ResidentAnonymous() ?? 0;
        _peak = Baseline;
        _thread = new Thread(Sample) { IsBackground = true, Name = "memory sampler" };
        _thread.Start();
    }

    /// <summary>Anonymous memory when sampling started, in bytes.</summary>
    public long Baseline { get; }

    /// <summary>The largest anonymous memory seen so far, in bytes.</summary>
    public long Peak => Interlocked.Read(ref _peak);

    public void Dispose()
    {
        _stop = true;
        _thread.Join();
    }

    private void Sample()
    {
        while (!_stop)
        {
            var now = ProcessMemory.ResidentAnonymous() ?? 0;
            if (now > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, now);
            }

            Thread.Sleep(_interval);
        }
    }
}
