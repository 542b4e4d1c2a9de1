using System.Text;

namespace PruneTask.Engine.IO;

/// <summary>Writes a file whole or not at all: into a temporary file beside it, flushed to disk (unless told it need not be), then renamed over it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) =>
        Write(path, stream => stream.Write(new UTF8Encoding(encoderShouldEmitUTF8Identifier: false).GetBytes(text)));

    public static void WriteAllLines(string path, IEnumerable<string> lines) =>
        WriteAllText(path, string.Concat(lines.Select(line => line + Environment.NewLine)));

    /// <summary>Runs <paramref name="write"/> on a new temporary file and moves it to <paramref name="path"/>; on failure removes it.</summary>
    /// <param name="durable">
    /// Flush to disk before the rename; false where a file cut short by a crash does no harm: scratch files deleted at
    /// the end of the run, and cache files, which every read checks against their manifest's hashes.
    /// </param>
    public static void Write(string path, Action<FileStream> write, int bufferSize = 4096, bool durable = true)
    {
        var temporary = $"{path}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize))
            {
                write(file);
                file.Flush(flushToDisk: durable);
            }

            File.Move(temporary, path, overwrite: true);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }
    }
}
