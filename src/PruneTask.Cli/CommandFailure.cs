using System.CommandLine;
using PruneTask.Engine.Calibration.Data;
using PruneTask.Engine.IO;
using PruneTask.Engine.Models;
using PruneTask.Recipes.Diagnostics;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Cli;

/// <summary>
/// Turns an exception that escapes a command into one error line with a stable code, and the exit code it means:
/// <see cref="ExitCodes.Failed"/> for everything (an invalid recipe never gets here; it is reported as diagnostics).
/// The stack trace follows only with <c>--verbose</c>.
/// </summary>
internal static class CommandFailure
{
    private const string Origin = "dotnet-prune";

    public static int Report(ParseResult parseResult, Exception exception)
    {
        var error = parseResult.InvocationConfiguration.Error;
        if (exception is OperationCanceledException)
        {
            error.WriteLine("Cancelled.");
            return ExitCodes.Cancelled;
        }

        var (code, message, position) = Classify(exception);
        error.WriteLine(new Diagnostic(code, DiagnosticSeverity.Error, position?.File ?? Origin, position?.Line ?? 0, position?.Column ?? 0, message.ReplaceLineEndings(" ")));
        if (parseResult.GetValue(GlobalOptions.Verbose))
        {
            error.WriteLine(exception);
        }

        return ExitCodes.Failed;
    }

    private static (string Code, string Message, Recipes.Model.SourcePosition? Position) Classify(Exception exception) => exception switch
    {
        PruneRunException run => (run.Code, run.Message, run.Position),
        AggregateException { InnerExceptions.Count: 1 } aggregate => Classify(aggregate.InnerExceptions[0]),
        NonFiniteWeightsException => (RunErrorCodes.NonFiniteWeights, exception.Message, null),
        ModelException or SafetensorsFormatException => (RunErrorCodes.ModelUnreadable, exception.Message, null),
        CalibrationDataException => (RunErrorCodes.DataUnusable, exception.Message, null),
        IOException or UnauthorizedAccessException => (RunErrorCodes.FileSystem, exception.Message, null),
        _ => (RunErrorCodes.InternalError, $"Internal error, please report it with the output of --verbose: {exception.GetType().Name}: {exception.Message}", null),
    };
}
