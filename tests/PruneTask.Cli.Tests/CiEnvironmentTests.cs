using PruneTask.Cli.Tests.Support;
using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Cli.Tests;

public sealed class CiEnvironmentTests : IDisposable
{
    private const string BadRecipe = """
        version: 1
        model:
          path: model
        defaults:
          method: magnitude
          sparsity: 1.5
        """;

    private const string SparsityMessage = "defaults.sparsity must be a number in [0, 1); got 1.5.";

    private readonly RunFolder _folder = new();

    [Fact]
    public void Outside_ci_there_is_no_annotation()
    {
        var ci = CiEnvironment.From(_ => null);

        Assert.Equal(CiSystem.None, ci.System);
        Assert.Null(ci.Annotation(Error("a.prune.yaml", 3, 5)));
    }

    [Fact]
    public void GitHub_annotations_escape_the_message_and_properties_and_leave_out_a_missing_position()
    {
        var ci = Ci(("GITHUB_ACTIONS", "true"));

        Assert.Equal("::warning file=a%2Cb.prune.yaml,title=PRN050::100%25 of%0Athe layers", ci.Annotation(
            new Diagnostic("PRN050", DiagnosticSeverity.Warning, "a,b.prune.yaml", 0, 0, "100% of\nthe layers")));
    }

    [Fact]
    public void Azure_annotations_escape_the_message_and_properties()
    {
        var ci = Ci(("TF_BUILD", "True"));

        Assert.Equal("##vso[task.logissue type=error;sourcepath=a%3Bb.prune.yaml;linenumber=3;columnnumber=5;code=PRN014]100%AZP25 sure", ci.Annotation(
            new Diagnostic("PRN014", DiagnosticSeverity.Error, "a;b.prune.yaml", 3, 5, "100% sure")));
    }

    [Fact]
    public void Validate_under_GitHub_Actions_prints_an_error_annotation_at_the_recipe_line()
    {
        var recipe = Write("models/bad.prune.yaml", BadRecipe);

        var (exitCode, output, error) = CliProcess.Run(_folder.Root, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_WORKSPACE"] = _folder.Root }, "validate", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Contains($"::error file=models/bad.prune.yaml,line=6,col=13,title=PRN014::{SparsityMessage}", output.Split('\n').Select(l => l.TrimEnd('\r')));
        Assert.Contains($"(6,13): error PRN014: {SparsityMessage}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_under_Azure_Pipelines_prints_a_logissue_at_the_recipe_line()
    {
        var recipe = Write("models/bad.prune.yaml", BadRecipe);

        var (exitCode, output, _) = CliProcess.Run(_folder.Root, new Dictionary<string, string> { ["TF_BUILD"] = "True", ["BUILD_SOURCESDIRECTORY"] = _folder.Root }, "validate", recipe);

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.Contains($"##vso[task.logissue type=error;sourcepath=models/bad.prune.yaml;linenumber=6;columnnumber=13;code=PRN014]{SparsityMessage}", output.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    [Fact]
    public void Under_msbuild_diagnostics_format_there_are_no_annotations_because_msbuild_reports_the_lines()
    {
        var recipe = Write("bad.prune.yaml", BadRecipe);

        var (exitCode, output, error) = CliProcess.Run(_folder.Root, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true" }, "validate", recipe, "--diagnostics-format", "msbuild");

        Assert.Equal(ExitCodes.Invalid, exitCode);
        Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
        Assert.Contains($"(6,13): error PRN014: {SparsityMessage}", error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_under_GitHub_Actions_appends_report_md_to_the_step_summary()
    {
        var summary = Path.Combine(_folder.Root, "summary.md");
        File.WriteAllText(summary, "earlier step\n");

        var (exitCode, _, error) = CliProcess.Run(_folder.Root, new Dictionary<string, string> { ["GITHUB_ACTIONS"] = "true", ["GITHUB_STEP_SUMMARY"] = summary }, "run", _folder.Recipe("ci"), "-v", "quiet");

        Assert.True(exitCode == 0, error);
        Assert.Equal("earlier step\n" + File.ReadAllText(Path.Combine(_folder.Output("ci"), "report.md")) + "\n", File.ReadAllText(summary));
    }

    [Fact]
    public void A_run_under_Azure_Pipelines_uploads_report_md_as_the_summary()
    {
        var (exitCode, output, error) = CliProcess.Run(_folder.Root, new Dictionary<string, string> { ["TF_BUILD"] = "True" }, "run", _folder.Recipe("ci"), "-v", "quiet");

        Assert.True(exitCode == 0, error);
        Assert.Contains($"##vso[task.uploadsummary]{Path.Combine(_folder.Output("ci"), "report.md")}", output.Split('\n').Select(l => l.TrimEnd('\r')));
    }

    public void Dispose() => _folder.Dispose();

    private static CiEnvironment Ci(params (string Name, string Value)[] variables) =>
        CiEnvironment.From(name => variables.FirstOrDefault(v => v.Name == name).Value);

    private static Diagnostic Error(string file, int line, int column) => new("PRN014", DiagnosticSeverity.Error, file, line, column, "bad");

    private string Write(string relative, string text)
    {
        var path = Path.Combine(_folder.Root, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }
}
