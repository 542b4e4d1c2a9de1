using System.Security.Cryptography;

namespace PruneTask.Cli.Tests.Support;

/// <summary>Every file and folder under a root with each file's SHA-256 (and each link's target), to prove nothing changed.</summary>
internal static class FolderSnapshot
{
    public static IReadOnlyList<string> Take(string root) =>
        new DirectoryInfo(root).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(info => $"{Path.GetRelativePath(root, info.FullName)} {Describe(info)}")
            .Order(StringComparer.Ordinal)
            .ToList();

    private static string Describe(FileSystemInfo info) => info switch
    {
        { LinkTarget: { } target } => $"-> {target}",
        FileInfo file => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file.FullName))),
        _ => "folder",
    };
}
