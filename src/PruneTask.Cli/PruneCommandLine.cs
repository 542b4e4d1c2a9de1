using System.CommandLine;
using System.CommandLine.Invocation;
using PruneTask.Cli.Commands;
using PruneTask.Engine.Planning;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Cli;

/// <summary>The `dotnet prune` command tree; each command lives in its own file under Commands/.</summary>
public static class PruneCommandLine
{
    /// <summary>
    /// Parses and runs one command line, the entry point of dotnet-prune: a command line that does not parse gives
    /// one PRN100 line per problem and <see cref="ExitCodes.Failed"/> (1 is kept for invalid recipes).
    /// </summary>
    public static int Invoke(string[] args, InvocationConfiguration? configuration = null)
    {
        configuration ??= new InvocationConfiguration();
        var parseResult = Create().Parse(args);
        if (parseResult.Action is not ParseErrorAction)
        {
            return parseResult.Invoke(configuration);
        }

        foreach (var error in parseResult.Errors)
        {
            configuration.Error.WriteLine(new Diagnostic(RunErrorCodes.Usage, DiagnosticSeverity.Error, "dotnet-prune", 0, 0, $"{error.Message} See 'dotnet prune --help'."));
        }

        return ExitCodes.Failed;
    }

    /// <summary>The command tree; every action is guarded so that no exception escapes as a stack trace.</summary>
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
        HelpExamples.AddTo(root);
        GuardedAction.Apply(root);
        return root;
    }
}
