using System.CommandLine;
using System.Globalization;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace PruneTask.Cli;

/// <summary>
/// Serilog to stderr at the level <c>--verbosity</c> asks for. With <c>--diagnostics-format msbuild</c>, warnings
/// and errors are written in MSBuild's canonical form so a build shows them in its error list.
/// </summary>
public static class CliLogging
{
    /// <param name="error">Where the lines go instead of the command's stderr (a live display's writer).</param>
    public static ILogger Create(ParseResult parseResult, TextWriter? error = null)
    {
        var level = parseResult.GetValue(GlobalOptions.Verbosity) switch
        {
            "q" or "quiet" or "m" or "minimal" => LogEventLevel.Warning,
            "d" or "detailed" => LogEventLevel.Debug,
            "diag" or "diagnostic" => LogEventLevel.Verbose,
            _ => LogEventLevel.Information,
        };
        var msbuild = parseResult.GetValue(GlobalOptions.DiagnosticsFormat) == "msbuild";
        return new LoggerConfiguration()
            .MinimumLevel.Is(level)
            .WriteTo.Sink(new LineSink(error ?? parseResult.InvocationConfiguration.Error, msbuild))
            .CreateLogger();
    }

    private sealed class LineSink(TextWriter error, bool msbuild) : ILogEventSink
    {
        public void Emit(LogEvent logEvent)
        {
            var message = logEvent.RenderMessage(CultureInfo.InvariantCulture);
            var line = logEvent.Level switch
            {
                >= LogEventLevel.Error => msbuild ? $"dotnet-prune : error PRN000: {message}" : $"error: {message}",
                LogEventLevel.Warning => msbuild ? $"dotnet-prune : warning PRN000: {message}" : $"warning: {message}",
                _ => message,
            };
            error.WriteLine(line);
        }
    }
}
