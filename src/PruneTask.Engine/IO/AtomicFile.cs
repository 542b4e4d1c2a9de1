namespace PruneTask.Engine.IO;

/// <summary>Writes a small file whole or not at all: into a temporary file beside it, then renamed over it.</summary>
public static class AtomicFile
{
    public static void WriteAllText(string path, string text) => Write(path, temporary => File.WriteAllText(temporary, text));

    public static void WriteAllLines(string path, IEnumerable<string> lines) => Write(path, temporary => File.WriteAllLines(temporary, lines));

    private static void Write(string path, Action<string> write)
    {
        var full = Path.GetFullPath(path);
        var temporary = Path.Combine(Path.GetDirectoryName(full) ?? ".", $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            write(temporary);
            File.Move(temporary, full, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
