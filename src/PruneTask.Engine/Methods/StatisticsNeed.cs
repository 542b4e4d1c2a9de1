namespace PruneTask.Engine.Methods;

/// <summary>Which input statistic a method reads; calibration collects the most any method of a shared input needs.</summary>
public enum StatisticsNeed
{
    None,
    Diagonal,
    Gram,
}
