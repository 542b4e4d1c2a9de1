using System.IO.MemoryMappedFiles;

namespace PruneTask.Engine.IO;

/// <summary>
/// A whole file mapped read-only into the address space. Mapping costs no memory: pages are read
/// from disk only when something touches them. Pointers are valid until <see cref="Dispose"/>.
/// </summary>
internal sealed unsafe class MappedFile : IDisposable
{
    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly string _path;
    private byte* _start;

    /// <summary>Maps the file and takes ownership of <paramref name="stream"/>, which must not be empty.</summary>
    public MappedFile(FileStream stream, string path)
    {
        _path = path;
        Length = stream.Length;
        _file = MemoryMappedFile.CreateFromFile(
            stream, mapName: null, capacity: 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: false);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.Read);
        byte* start = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref start);
        _start = start + _view.PointerOffset;
    }

    public long Length { get; }

    /// <summary>The address of byte <paramref name="offset"/>, after checking that [offset, offset + length) is in the file.</summary>
    public byte* At(long offset, long length)
    {
        ObjectDisposedException.ThrowIf(_start == null, this);
        if (offset < 0 || length < 0 || offset > Length - length)
            throw new ArgumentOutOfRangeException(nameof(offset), $"{_path}: bytes [{offset}, {offset + length}) are outside the file");
        return _start + offset;
    }

    public void Dispose()
    {
        if (_start == null)
            return;
        _start = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }
}
