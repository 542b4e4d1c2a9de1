using System.Text;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.IO;

/// <summary>Builds a deliberately broken file and checks that opening it fails with the expected problem, naming the file.</summary>
public static class Rejection
{
    public static SafetensorsFormatException OfFile(byte[] header, byte[] data, ulong? declaredHeaderLength = null)
    {
        using var folder = new TemporaryFolder();
        var path = RawSafetensors.Write(folder.File("broken.safetensors"), header, data, declaredHeaderLength);
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path).Dispose());
        Assert.Equal(path, error.FilePath);
        Assert.StartsWith(path + ": ", error.Message);
        return error;
    }

    public static SafetensorsFormatException OfHeader(string header, int dataLength = 0) =>
        OfFile(Encoding.UTF8.GetBytes(header), new byte[dataLength]);

    /// <summary>The header <c>{entries}</c> with the entries given as raw JSON text.</summary>
    public static SafetensorsFormatException OfEntries(int dataLength, params string[] entries) =>
        OfHeader("{" + string.Join(",", entries) + "}", dataLength);
}
