using System.CommandLine;

namespace PruneTask.Cli;

/// <summary>
/// The examples `--help` shows under each command's description (and the root's), as `dotnet prune …` lines; a test
/// parses every one against the command tree, so an example cannot name an option that does not exist.
/// </summary>
public static class HelpExamples
{
    /// <summary>Per command name ("" for the root), its example command lines.</summary>
    public static IReadOnlyDictionary<string, string[]> ByCommand { get; } = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        [""] =
        [
            "dotnet prune init models/llama --dataset data/calib.txt",
            "dotnet prune validate models/llama.prune.yaml",
            "dotnet prune run models/llama.prune.yaml",
        ],
        ["validate"] =
        [
            "dotnet prune validate models/llama.prune.yaml",
            "dotnet prune validate models/llama.prune.yaml --strict",
        ],
        ["plan"] =
        [
            "dotnet prune plan models/llama.prune.yaml",
            "dotnet prune plan models/llama.prune.yaml --set defaults.sparsity=0.6 --json",
        ],
        ["run"] =
        [
            "dotnet prune run models/llama.prune.yaml",
            "dotnet prune run models/llama.prune.yaml --set defaults.sparsity=0.6 --output out/llama-60",
            "dotnet prune run models/llama.prune.yaml --threads 1 -v minimal",
        ],
        ["report"] =
        [
            "dotnet prune report out/llama",
            "dotnet prune report out/llama-50 out/llama-60",
            "dotnet prune report out/llama --format html > report.html",
        ],
        ["cache"] =
        [
            "dotnet prune cache list",
            "dotnet prune cache clean --older-than 7d",
        ],
        ["bench"] =
        [
            "dotnet prune bench methods",
            "dotnet prune bench model --shape tinyllama-1.1b --blocks 2",
        ],
    };

    /// <summary>Appends each command's examples to its description.</summary>
    public static void AddTo(RootCommand root)
    {
        foreach (var command in root.Subcommands.Prepend<Command>(root))
        {
            if (ByCommand.TryGetValue(command == root ? "" : command.Name, out var examples))
            {
                command.Description += Environment.NewLine + Environment.NewLine + "Examples:" + Environment.NewLine
                    + string.Join(Environment.NewLine, examples.Select(e => "  " + e));
            }
        }
    }
}
