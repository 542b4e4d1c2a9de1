using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Caching;

/// <summary>
/// A cache entry's tensor file whose SHA-256 is checked against the manifest before the first tensor is read from it,
/// not when the entry is opened: a run that only needs the entry's other files (a fully cached run whose output is
/// current needs no layer's weights) never hashes it. A mismatch removes the entry and stops the run with PRN107,
/// so the next run recomputes it; nothing unverified is ever read.
/// </summary>
internal sealed class VerifiedOnReadTensors(CacheEntry entry, CacheFileRecord record) : IRawTensorSource
{
    private readonly SafetensorsFile _file = entry.OpenTensors(record.Name);
    private readonly Lock _gate = new();
    private bool _verified;

    public IReadOnlyList<string> Names => _file.Names;

    public bool Contains(string name) => _file.Contains(name);

    public TensorInfo Info(string name) => _file.Info(name);

    public torch.Tensor Load(string name)
    {
        Verify();
        return _file.Load(name);
    }

    public Stream OpenRawBytes(string name)
    {
        Verify();
        return _file.OpenRawBytes(name);
    }

    public void Dispose() => _file.Dispose();

    private void Verify()
    {
        lock (_gate)
        {
            if (_verified)
            {
                return;
            }

            if (CacheEntryVerifier.CheckFile(entry.Directory, record) is { } problem)
            {
                entry.RemoveAsCorrupt(problem);
                throw new PruneRunException(
                    RunErrorCodes.FileSystem,
                    $"Cache entry {entry.Key} ({entry.Description}) is corrupt: {problem}. It was removed; run again to recompute it.");
            }

            _verified = true;
        }
    }
}
