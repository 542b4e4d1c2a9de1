using System;
using System.IO;
using System.Text.RegularExpressions;

namespace PruneTask.MSBuild;

/// <summary>Finds the local tool manifest (dotnet-tools.json) that `dotnet tool run` would use for dotnet-prune.</summary>
internal static class ToolManifest
{
    private static readonly TimeSpan MatchTimeout = TimeSpan.FromSeconds(1);
    private static readonly Regex ListsTool = new("\"dotnet-prune\"\\s*:", RegexOptions.IgnoreCase, MatchTimeout);
    private static readonly Regex IsRoot = new("\"isRoot\"\\s*:\\s*true", RegexOptions.IgnoreCase, MatchTimeout);

    /// <summary>
    /// Walks up from <paramref name="startDirectory"/> as the SDK does (.config/dotnet-tools.json, then dotnet-tools.json,
    /// in each folder) and returns the first manifest that lists dotnet-prune, stopping at a manifest marked isRoot.
    /// </summary>
    public static string? FindListing(string startDirectory)
    {
        for (var directory = new DirectoryInfo(startDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var candidate in Candidates(directory.FullName))
            {
                if (!File.Exists(candidate))
                {
                    continue;
                }

                var text = File.ReadAllText(candidate);
                if (ListsTool.IsMatch(text))
                {
                    return candidate;
                }

                if (IsRoot.IsMatch(text))
                {
                    return null;
                }
            }
        }

        return null;
    }

    private static string[] Candidates(string directory) =>
        [Path.Combine(directory, ".config", "dotnet-tools.json"), Path.Combine(directory, "dotnet-tools.json")];
}
