using System.Diagnostics;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Stages;

/// <summary>
/// The time and the counted floating-point work of each stage of one run. Stages interleave (calibrate, prune and
/// propagate alternate block by block), so time is added up over every interval a stage was open.
/// </summary>
public sealed class StageLedger
{
    private readonly Dictionary<string, (TimeSpan Time, double Flops)> _stages = new(StringComparer.Ordinal);

    /// <summary>Adds the time until the returned handle is disposed to <paramref name="stage"/>.</summary>
    public Interval Time(string stage) => new(this, stage, Stopwatch.GetTimestamp());

    public void Count(string stage, double flops)
    {
        var (time, counted) = _stages.GetValueOrDefault(stage);
        _stages[stage] = (time, counted + flops);
    }

    public double Flops(string stage) => _stages.GetValueOrDefault(stage).Flops;

    public TimeSpan Elapsed(string stage) => _stages.GetValueOrDefault(stage).Time;

    /// <summary>Every stage that was timed or counted, in ordinal order of its name.</summary>
    public SortedDictionary<string, StageFigures> Figures()
    {
        var figures = new SortedDictionary<string, StageFigures>(StringComparer.Ordinal);
        foreach (var (stage, (time, flops)) in _stages)
        {
            var seconds = Math.Round(time.TotalSeconds, 3);
            var gflop = Math.Round(flops / 1e9, 6);
            figures[stage] = new StageFigures
            {
                Seconds = seconds,
                Gflop = gflop,
                GflopPerSecond = flops > 0 && time.TotalSeconds > 1e-3 ? Math.Round(flops / 1e9 / time.TotalSeconds, 2) : null,
            };
        }

        return figures;
    }

    private void Add(string stage, TimeSpan time)
    {
        var (total, flops) = _stages.GetValueOrDefault(stage);
        _stages[stage] = (total + time, flops);
    }

    /// <summary>An open interval of one stage; disposing it closes it.</summary>
    public readonly struct Interval(StageLedger ledger, string stage, long start) : IDisposable
    {
        public void Dispose() => ledger.Add(stage, Stopwatch.GetElapsedTime(start));
    }
}
