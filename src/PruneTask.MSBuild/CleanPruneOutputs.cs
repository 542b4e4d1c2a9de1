using System;
using System.IO;
using System.Linq;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace PruneTask.MSBuild;

/// <summary>
/// Deletes the files named in output lists (what earlier prunes and copies wrote), then the folders that held them
/// once they are empty, up to the deepest folder all of a list's files share. Nothing else is touched, wherever
/// OutputPath points.
/// </summary>
public sealed class CleanPruneOutputs : Task
{
    /// <summary>The *.files and *.copies lists written by the prune targets.</summary>
    [Required]
    public ITaskItem[] ListFiles { get; set; } = [];

    /// <summary>Folders the targets create around the outputs (such as obj/…/pruned); deleted when left empty.</summary>
    public ITaskItem[] EmptyFolders { get; set; } = [];

    public override bool Execute()
    {
        foreach (var list in ListFiles.Select(item => item.GetMetadata("FullPath")).Where(File.Exists))
        {
            var files = File.ReadAllLines(list).Select(line => line.Trim()).Where(line => line.Length > 0).ToArray();
            foreach (var file in files.Where(File.Exists))
            {
                Log.LogMessage(MessageImportance.Low, "Deleting {0}", file);
                File.Delete(file);
            }

            RemoveEmptyFolders(files);
        }

        foreach (var folder in EmptyFolders.Select(item => item.GetMetadata("FullPath").TrimEnd(Path.DirectorySeparatorChar)))
        {
            if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any())
            {
                Directory.Delete(folder);
            }
        }

        return !Log.HasLoggedErrors;
    }

    private static void RemoveEmptyFolders(string[] files)
    {
        if (files.Length == 0)
        {
            return;
        }

        var root = CommonFolder(files);
        var folders = files.Select(Path.GetDirectoryName).Distinct(StringComparer.Ordinal).OrderByDescending(f => f!.Length);
        foreach (var start in folders)
        {
            for (var folder = start; folder is not null && folder.Length >= root.Length; folder = Path.GetDirectoryName(folder))
            {
                if (!Directory.Exists(folder) || Directory.EnumerateFileSystemEntries(folder).Any())
                {
                    break;
                }

                Directory.Delete(folder);
            }
        }
    }

    private static string CommonFolder(string[] files)
    {
        var root = Path.GetDirectoryName(files[0])!;
        while (root.Length > 0 && files.Any(f => !f.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal)))
        {
            root = Path.GetDirectoryName(root) ?? "";
        }

        return root;
    }
}
