using System.CommandLine;
using PruneTask.Cli.Commands;
using PruneTask.Engine.Planning;

namespace PruneTask.Cli;

/// <summary>The `dotnet prune` command tree; each command lives in its own file under Commands/.</summary>
public static class PruneCommandLine
{
    public static RootCommand Create()
    {
        var root = new RootCommand("dotnet prune: post-training pruning of neural networks from a YAML recipe (see prune.schema.json).");
        root.Options.Add(GlobalOptions.Verbose);
        root.Options.Add(GlobalOptions.Verbosity);
        root.Options.Add(GlobalOptions.DiagnosticsFormat);
        root.Subcommands.Add(ValidateCommand.Create(new ModelLayerReader()));
        root.Subcommands.Add(PlanCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(CacheCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(SchemaCommand.Create());
        root.Subcommands.Add(InitCommand.Create());
        return root;
    }
}
