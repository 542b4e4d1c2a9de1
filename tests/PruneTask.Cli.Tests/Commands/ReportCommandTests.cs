using System.Text.Json;
using PruneTask.Cli.Tests.Support;

namespace PruneTask.Cli.Tests.Commands;

public sealed class ReportCommandTests : IClassFixture<ReportCommandTests.TwoRuns>
{
    private readonly TwoRuns _runs;

    public ReportCommandTests(TwoRuns runs) => _runs = runs;

    [Fact]
    public void Markdown_of_one_run_has_a_table_row_per_layer()
    {
        var (exitCode, output, _) = Cli.Run("report", _runs.Half, "--format", "markdown");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(14, output.Split('\n').Count(l => l.StartsWith("| model.layers.", StringComparison.Ordinal)));
        Assert.Equal(File.ReadAllText(Path.Combine(_runs.Half, "report.md")), output);
    }

    [Fact]
    public void Html_of_one_run_is_the_written_report_html()
    {
        var (exitCode, output, _) = Cli.Run("report", _runs.Half, "--format", "html");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal(File.ReadAllText(Path.Combine(_runs.Half, "report.html")), output);
    }

    [Fact]
    public void Json_after_the_folder_is_an_option_not_a_folder()
    {
        var (exitCode, output, error) = Cli.Run("report", _runs.Half, "--json");

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Empty(error);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(_runs.Half, json.RootElement.GetProperty("runs")[0].GetProperty("output").GetString());
        Assert.Equal(0.5, json.RootElement.GetProperty("runs")[0].GetProperty("sparsity").GetDouble(), 2);
    }

    [Fact]
    public void An_unknown_option_is_an_error_not_a_folder()
    {
        var (exitCode, _, error) = Cli.Run("report", _runs.Half, "--jsno");

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Contains("'--jsno'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_folder_gets_an_error_line_and_the_valid_rows_still_show()
    {
        var missing = Path.Combine(_runs.Folder.Root, "out", "never-ran");

        var (exitCode, output, error) = Cli.Run("report", missing, _runs.Half);

        Assert.Equal(ExitCodes.Ok, exitCode);
        Assert.Equal($"{Path.Combine(missing, "report.json")}: error PRN105: no report.json here; run `dotnet prune run` first.", error.TrimEnd());
        Assert.Contains(_runs.Half, output, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_missing_folders_exit_with_2()
    {
        var (exitCode, output, error) = Cli.Run("report", Path.Combine(_runs.Folder.Root, "nothing"));

        Assert.Equal(ExitCodes.Failed, exitCode);
        Assert.Empty(output);
        Assert.Contains("PRN105", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_runs_show_every_layers_difference()
    {
        var (exitCode, output, _) = Cli.Run("report", _runs.Half, _runs.Seventy, "--format", "markdown");

        Assert.Equal(ExitCodes.Ok, exitCode);
        var rows = output.Split('\n').Where(l => l.StartsWith("| model.layers.", StringComparison.Ordinal)).ToList();
        Assert.Equal(14, rows.Count);
        Assert.All(rows, r => Assert.Contains("| +20.0 % |", r, StringComparison.Ordinal));
    }

    [Fact]
    public void Two_runs_as_json_give_each_layers_sparsity_change()
    {
        var (_, output, _) = Cli.Run("report", _runs.Half, _runs.Seventy, "--format", "json");

        using var json = JsonDocument.Parse(output);
        var layers = json.RootElement.GetProperty("layer_differences").EnumerateArray().ToList();
        Assert.Equal(14, layers.Count);
        Assert.All(layers, l => Assert.Equal(0.2, l.GetProperty("sparsity_change").GetDouble(), 2));
    }

    /// <summary>Magnitude at 50% and at 70% over the same model, run once for the class.</summary>
    public sealed class TwoRuns : IDisposable
    {
        public TwoRuns()
        {
            Half = Folder.Run(Folder.Recipe("half"));
            Seventy = Folder.Run(Folder.Recipe("seventy", "defaults:\n  method: magnitude\n  sparsity: 0.7\n"));
        }

        internal RunFolder Folder { get; } = new();

        public string Half { get; }

        public string Seventy { get; }

        public void Dispose() => Folder.Dispose();
    }
}
