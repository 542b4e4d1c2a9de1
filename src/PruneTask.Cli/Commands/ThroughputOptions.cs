using PruneTask.Engine.IO;
using System.CommandLine;
using System.Globalization;
using PruneTask.Engine.Benchmarks;
using PruneTask.Engine.Reporting;

namespace PruneTask.Cli.Commands;

/// <summary>The arguments and options <c>bench</c> and <c>bench onnx</c> share, and how both print and save their results.</summary>
internal sealed class ThroughputOptions
{
    private readonly Argument<string[]> _models;
    private readonly Option<int> _batch;
    private readonly Option<int> _tokens;
    private readonly Option<int> _repeats;
    private readonly Option<int> _threads;
    private readonly Option<string?> _json = new("--json") { Description = "Also write the results to this JSON file." };

    /// <param name="pass">What one timed pass is called ("forward pass", "run").</param>
    public ThroughputOptions(string modelsDescription, string pass, string threadsDescription)
    {
        _models = new Argument<string[]>("models") { Description = modelsDescription, Arity = ArgumentArity.OneOrMore };
        _batch = new Option<int>("--batch") { Description = $"Sequences per {pass}.", DefaultValueFactory = _ => 8 };
        _tokens = new Option<int>("--tokens") { Description = "Tokens per sequence.", DefaultValueFactory = _ => 128 };
        _repeats = new Option<int>("--repeats") { Description = $"Timed rounds, one {pass} per model each (tokens/s from the fastest; the median is shown too).", DefaultValueFactory = _ => 10 };
        _threads = new Option<int>("--threads") { Description = threadsDescription, DefaultValueFactory = _ => Environment.ProcessorCount };
    }

    /// <summary>The command with these options, running <paramref name="measure"/> with the settings they give.</summary>
    public Command CreateCommand(string name, string description, Func<ParseResult, ThroughputSettings, int> measure)
    {
        var command = new Command(name, description);
        command.Arguments.Add(_models);
        foreach (var option in new Option[] { _batch, _tokens, _repeats, _threads, _json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parseResult => measure(parseResult, Settings(parseResult)));
        return command;
    }

    public IReadOnlyList<string> Models(ParseResult parseResult) => parseResult.GetValue(_models)!;

    public int Threads(ParseResult parseResult) => parseResult.GetValue(_threads);

    private ThroughputSettings Settings(ParseResult parseResult) => new(
        Math.Max(1, parseResult.GetValue(_batch)), Math.Max(1, parseResult.GetValue(_tokens)), Math.Max(1, parseResult.GetValue(_repeats)));

    /// <summary>One line a result; <paramref name="weightsLabel"/> follows the weights' size ("onnx" for a graph file).</summary>
    public static void Print(TextWriter output, IEnumerable<ThroughputResult> results, string weightsLabel = "")
    {
        foreach (var result in results)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{result.TokensPerSecond,10:F0} tokens/s  {result.BestSecondsPerPass * 1000,8:F2} ms best  {result.MedianSecondsPerPass * 1000,8:F2} ms median  {result.WeightBytes / 1024.0,7:F0} KiB{weightsLabel}  {result.Format,-8}  {result.Model}"));
        }
    }

    /// <summary>Writes <paramref name="report"/> to the --json file when one is given.</summary>
    public void Save(ParseResult parseResult, object report)
    {
        if (parseResult.GetValue(_json) is { } path)
        {
            AtomicFile.WriteAllText(path, ReportJson.Serialize(report));
        }
    }
}
