using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PruneTask.Engine.Calibration.Images;

/// <summary>
/// The source hash of an image folder (<see cref="PixelSet.SourceSha256"/>): SHA-256 of the canonical text
/// <c>prunetask-image-folder 1 &lt;images&gt;\n&lt;PreprocessorConfig.Canonical()&gt;\n</c>, then for every image in the
/// folder's order its relative path ('/'-separated, UTF-8, preceded by its byte length as little-endian int64) and the
/// SHA-256 of its bytes. Changing, adding, removing or renaming an image, or a preprocessing setting, changes it.
/// </summary>
internal sealed class ImageFolderHash : IDisposable
{
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    public ImageFolderHash(int images, PreprocessorConfig config) =>
        _hash.AppendData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"prunetask-image-folder 1 {images}\n{config.Canonical()}\n")));

    public void Add(string relativePath, ReadOnlySpan<byte> fileSha256)
    {
        var path = Encoding.UTF8.GetBytes(relativePath);
        Span<byte> length = stackalloc byte[sizeof(long)];
        BinaryPrimitives.WriteInt64LittleEndian(length, path.Length);
        _hash.AppendData(length);
        _hash.AppendData(path);
        _hash.AppendData(fileSha256);
    }

    public string Finish() => Convert.ToHexStringLower(_hash.GetHashAndReset());

    public void Dispose() => _hash.Dispose();
}
