using System.Text.RegularExpressions;

namespace PruneTask.Engine.IO;

/// <summary>
/// Removes the temporary folders that runs killed earlier left behind. A run names its work folders
/// <c>&lt;prefix&gt;&lt;32 hex digits&gt;&lt;suffix&gt;</c> and holds the lock file <c>&lt;prefix&gt;&lt;hex&gt;.lock</c> beside
/// them (<see cref="WorkFolderLock"/>) from before it creates them until after it removed them. Folders whose lock can
/// be claimed belong to a run that is gone and are removed with their lock; folders of a live run, whose lock is held,
/// are left alone, so concurrent runs are safe. Folders without a lock file (written by an older version) are removed
/// once they are an hour old.
/// </summary>
public static class AbandonedWork
{
    public static readonly TimeSpan UnlockedAge = TimeSpan.FromHours(1);

    /// <summary>Returns the number of work folders removed.</summary>
    public static int Remove(string directory, string prefix, IReadOnlyList<string> suffixes)
    {
        if (!Directory.Exists(directory))
        {
            return 0;
        }

        var pattern = new Regex($"^({Regex.Escape(prefix)}[0-9a-f]{{32}})({string.Join('|', suffixes.Append(WorkFolderLock.Suffix).Select(Regex.Escape))})$");
        var stems = Directory.EnumerateFileSystemEntries(directory, prefix + "*")
            .Select(p => pattern.Match(Path.GetFileName(p)))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var removed = 0;
        foreach (var stem in stems)
        {
            var stemPath = Path.Combine(directory, stem);
            var lockPath = stemPath + WorkFolderLock.Suffix;
            var folders = suffixes.Select(s => stemPath + s).Where(Directory.Exists).ToList();
            using var claimed = WorkFolderLock.TryClaim(lockPath);
            var abandoned = claimed is not null
                || (!File.Exists(lockPath) && folders.All(f => Directory.GetLastWriteTimeUtc(f) < DateTime.UtcNow - UnlockedAge));
            if (!abandoned)
            {
                continue;
            }

            foreach (var folder in folders)
            {
                try
                {
                    Directory.Delete(folder, recursive: true);
                    removed++;
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Removed meanwhile by another run's sweep, or not removable now: the next run tries again.
                }
            }
        }

        return removed;
    }
}
