using System.CommandLine;
using System.CommandLine.Invocation;

namespace PruneTask.Cli;

/// <summary>
/// Runs a command's action so that no exception escapes it: every failure becomes one line and an exit code
/// (<see cref="CommandFailure"/>). <see cref="Apply"/> wraps every action of a command tree.
/// </summary>
internal static class GuardedAction
{
    public static void Apply(Command command)
    {
        command.Action = command.Action switch
        {
            SynchronousCommandLineAction action => new Synchronous(action),
            AsynchronousCommandLineAction action => new Asynchronous(action),
            var other => other,
        };
        foreach (var subcommand in command.Subcommands)
        {
            Apply(subcommand);
        }
    }

    private sealed class Synchronous(SynchronousCommandLineAction inner) : SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            try
            {
                return inner.Invoke(parseResult);
            }
            catch (Exception exception)
            {
                return CommandFailure.Report(parseResult, exception);
            }
        }
    }

    private sealed class Asynchronous(AsynchronousCommandLineAction inner) : AsynchronousCommandLineAction
    {
        public override async Task<int> InvokeAsync(ParseResult parseResult, CancellationToken cancellationToken = default)
        {
            try
            {
                return await inner.InvokeAsync(parseResult, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                return CommandFailure.Report(parseResult, exception);
            }
        }
    }
}
