using System.CommandLine;

namespace PruneTask.Cli.Commands;

/// <summary>
/// <c>--threads</c> of <c>run</c> and <c>plan</c>: libtorch's compute thread count, which results and so every computed
/// cache key depend on. <c>plan</c> takes the same option with the same default to tell which of the next run's
/// results are cached.
/// </summary>
internal static class ComputeThreads
{
    public static Option<int> Create(string description) =>
        new("--threads") { Description = description, DefaultValueFactory = _ => Environment.ProcessorCount };

    /// <summary>The thread count the option asks for (at least 1).</summary>
    public static int Value(ParseResult parseResult, Option<int> option) => Math.Max(1, parseResult.GetValue(option));

    /// <summary>Sets libtorch's thread count from the option (see <see cref="NativeThreading.UseThreads"/>).</summary>
    public static void Apply(ParseResult parseResult, Option<int> option) => NativeThreading.UseThreads(Value(parseResult, option));
}
