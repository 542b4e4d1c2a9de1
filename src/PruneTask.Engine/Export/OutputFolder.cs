using PruneTask.Engine.IO;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Export;

/// <summary>
/// Writes an output folder all at once: files go to a hidden sibling <c>.&lt;name&gt;.&lt;id&gt;.tmp</c> that replaces the
/// target only when complete, so a failed or killed run leaves the previous output (or nothing), never half of one.
/// The run holds the lock file <c>.&lt;name&gt;.&lt;id&gt;.lock</c> beside it the whole time, so a later run can tell the
/// folders of a killed run from those of a live one and removes them (<see cref="RemoveAbandoned"/>). The target is
/// only ever replaced when it is empty or an earlier output (<see cref="OutputMarker"/>), checked again right before
/// the swap.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private const string StagingSuffix = ".tmp";
    private const string OldSuffix = ".tmp.old";
    private readonly string _target;
    private readonly WorkFolderLock _lock;
    private bool _committed;

    public OutputFolder(string target)
    {
        _target = PhysicalPath.Normalize(target);
        var parent = Path.GetDirectoryName(_target) ?? throw new ArgumentException($"'{target}' has no parent folder.", nameof(target));
        Directory.CreateDirectory(parent);
        var stem = Path.Combine(parent, $"{PrefixOf(_target)}{Guid.NewGuid():N}");
        _lock = WorkFolderLock.Create(stem + WorkFolderLock.Suffix);
        Staging = stem + StagingSuffix;
        try
        {
            Directory.CreateDirectory(Staging);
        }
        catch
        {
            _lock.Dispose();
            throw;
        }
    }

    /// <summary>The folder to write into until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public string PathOf(string relative) => Path.Combine(Staging, relative);

    /// <summary>Removes the staging folders beside <paramref name="target"/> that runs killed earlier left; returns how many.</summary>
    public static int RemoveAbandoned(string target)
    {
        var full = PhysicalPath.Normalize(target);
        return Path.GetDirectoryName(full) is { } parent ? AbandonedWork.Remove(parent, PrefixOf(full), [StagingSuffix, OldSuffix]) : 0;
    }

    public void Commit()
    {
        if (new DirectoryInfo(_target).LinkTarget is not null || File.Exists(_target) || !OutputMarker.MayReplace(_target))
        {
            throw new PruneRunException(
                RunErrorCodes.UnsafePath,
                $"output '{_target}' changed during the run: it is no longer empty or an earlier output (no {LockFile.FileName}), so it was not replaced.");
        }

        string? old = null;
        if (Directory.Exists(_target))
        {
            old = Staging[..^StagingSuffix.Length] + OldSuffix;
            Directory.Move(_target, old);
        }

        Directory.Move(Staging, _target);
        _committed = true;
        if (old is not null)
        {
            try
            {
                Directory.Delete(old, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The new output is in place; the next run's RemoveAbandoned deletes the previous one.
            }
        }
    }

    public void Dispose()
    {
        try
        {
            if (!_committed && Directory.Exists(Staging))
            {
                Directory.Delete(Staging, recursive: true);
            }
        }
        finally
        {
            _lock.Dispose();
        }
    }

    private static string PrefixOf(string target) => $".{Path.GetFileName(target)}.";
}
