namespace PruneTask.Engine.Calibration.Data;

/// <summary>Calibration data that cannot be used: the message says why, <see cref="FilePath"/> says which file or folder.</summary>
public sealed class CalibrationDataException : Exception
{
    public CalibrationDataException(string filePath, string reason, Exception? inner = null)
        : base($"{filePath}: {reason}", inner)
    {
        FilePath = filePath;
        Reason = reason;
    }

    public string FilePath { get; }

    /// <summary>The message without the path.</summary>
    public string Reason { get; }
}
