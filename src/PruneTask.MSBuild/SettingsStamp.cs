using System.IO;
using System.Linq;

namespace PruneTask.MSBuild;

/// <summary>
/// A file whose content is the settings that shape a recipe's output but live in the project, not in a file the
/// tool reads (output folder, --set overrides). It is rewritten only when they change, so its timestamp can be an
/// input of the incremental target.
/// </summary>
internal static class SettingsStamp
{
    /// <returns>Whether the file was written.</returns>
    public static bool WriteIfChanged(string path, string[] lines)
    {
        if (File.Exists(path) && File.ReadAllLines(path).SequenceEqual(lines))
        {
            return false;
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllLines(path, lines);
        return true;
    }
}
