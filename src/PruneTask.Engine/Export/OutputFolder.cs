namespace PruneTask.Engine.Export;

/// <summary>
/// Writes an output folder all at once: files go to a temporary sibling folder that replaces the target only when
/// complete, so a failed or killed run leaves the previous output (or nothing), never half of one.
/// </summary>
public sealed class OutputFolder : IDisposable
{
    private readonly string _target;
    private bool _committed;

    public OutputFolder(string target)
    {
        _target = Path.GetFullPath(target);
        var parent = Path.GetDirectoryName(_target) ?? throw new ArgumentException($"'{target}' has no parent folder.", nameof(target));
        Directory.CreateDirectory(parent);
        Staging = Path.Combine(parent, $".{Path.GetFileName(_target)}.{Guid.NewGuid():N}.tmp");
        Directory.CreateDirectory(Staging);
    }

    /// <summary>The folder to write into until <see cref="Commit"/>.</summary>
    public string Staging { get; }

    public string PathOf(string relative) => Path.Combine(Staging, relative);

    public void Commit()
    {
        string? old = null;
        if (Directory.Exists(_target))
        {
            old = $"{Staging}.old";
            Directory.Move(_target, old);
        }

        Directory.Move(Staging, _target);
        _committed = true;
        if (old is not null)
        {
            Directory.Delete(old, recursive: true);
        }
    }

    public void Dispose()
    {
        if (!_committed && Directory.Exists(Staging))
        {
            Directory.Delete(Staging, recursive: true);
        }
    }
}
