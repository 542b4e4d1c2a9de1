namespace PruneTask.Engine.Caching;

/// <summary>
/// Removes cache folders so that no reader ever sees half of one: the folder is first renamed into the trash (atomic),
/// then deleted. A folder that another process removed first is not an error; a trash folder that cannot be deleted yet
/// (a file still open on Windows) is left for the next clean.
/// </summary>
internal static class CacheDirectoryRemover
{
    /// <summary>
    /// Returns false when the folder was already gone, or could not be moved (on Windows, while a file in it is open or
    /// mapped); such a folder stays where it is.
    /// </summary>
    public static bool Remove(CacheLayout layout, string directory)
    {
        var trash = layout.NewTrashDirectory();
        try
        {
            Directory.CreateDirectory(layout.TrashRoot);
            Directory.Move(directory, trash);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }

        DeleteQuietly(trash);
        return true;
    }

    public static void DeleteQuietly(string directory)
    {
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Left in place: the trash and temp folders are emptied by the next clean.
        }
    }
}
