namespace PruneTask.Engine.IO;

/// <summary>
/// A lock file held open exclusively by the run that works in the temporary folders named after it. The operating
/// system drops the lock when the process ends, however it ends, so a lock file that another process can open
/// exclusively belongs to a run that is gone. Disposing deletes the file.
/// </summary>
public sealed class WorkFolderLock : IDisposable
{
    public const string Suffix = ".lock";

    private readonly FileStream _stream;

    private WorkFolderLock(FileStream stream)
    {
        _stream = stream;
    }

    /// <summary>Creates and locks a new lock file (it must not exist yet).</summary>
    public static WorkFolderLock Create(string path) =>
        new(new FileStream(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose));

    /// <summary>
    /// Takes over the lock file of a run that is gone: returns the lock, or null when a live process still holds it
    /// or the file does not exist.
    /// </summary>
    public static WorkFolderLock? TryClaim(string path)
    {
        try
        {
            return new(new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 1, FileOptions.DeleteOnClose));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => _stream.Dispose();
}
