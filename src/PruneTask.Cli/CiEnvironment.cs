using System.CommandLine;
using System.Globalization;
using PruneTask.Recipes.Diagnostics;

namespace PruneTask.Cli;

/// <summary>The CI system dotnet-prune runs under, if any, told by its environment variables.</summary>
public enum CiSystem
{
    None,

    /// <summary>GITHUB_ACTIONS=true.</summary>
    GitHubActions,

    /// <summary>TF_BUILD=True (Azure Pipelines).</summary>
    AzurePipelines,
}

/// <summary>
/// The one place that knows CI systems: detects GitHub Actions and Azure Pipelines from their variables, turns a
/// diagnostic into the system's annotation command (so the recipe line is marked in the job's view) and publishes
/// report.md as the job summary.
/// </summary>
public sealed class CiEnvironment(CiSystem system, string? stepSummary, string? workspace)
{
    public CiSystem System { get; } = system;

    /// <summary>GITHUB_STEP_SUMMARY: the file whose Markdown GitHub shows on the job's page.</summary>
    public string? StepSummary { get; } = stepSummary;

    public static CiEnvironment Current => From(Environment.GetEnvironmentVariable);

    /// <summary>
    /// The CI environment a command reports to. Under <c>--diagnostics-format msbuild</c> (the MSBuild task) there are no
    /// annotations: MSBuild turns the canonical lines into build errors, which the CI's MSBuild matcher or logger
    /// annotates already. The job summary is still published.
    /// </summary>
    public static CiEnvironment For(ParseResult parseResult)
    {
        var ci = Current;
        return parseResult.GetValue(GlobalOptions.DiagnosticsFormat) == "msbuild" ? new CiEnvironment(ci.System, ci.StepSummary, null) { Annotates = false } : ci;
    }

    /// <summary>Whether diagnostics become annotations (false under MSBuild, see <see cref="For"/>).</summary>
    public bool Annotates { get; private init; } = true;

    public static CiEnvironment From(Func<string, string?> variable)
    {
        var system = string.Equals(variable("GITHUB_ACTIONS"), "true", StringComparison.OrdinalIgnoreCase) ? CiSystem.GitHubActions
            : string.Equals(variable("TF_BUILD"), "true", StringComparison.OrdinalIgnoreCase) ? CiSystem.AzurePipelines
            : CiSystem.None;
        var workspace = system == CiSystem.GitHubActions ? variable("GITHUB_WORKSPACE") : variable("BUILD_SOURCESDIRECTORY");
        return new CiEnvironment(system, NonEmpty(variable("GITHUB_STEP_SUMMARY")), NonEmpty(workspace));
    }

    /// <summary>The workflow command that annotates <paramref name="diagnostic"/>, or null outside CI.</summary>
    public string? Annotation(Diagnostic diagnostic) => !Annotates ? null : System switch
    {
        CiSystem.GitHubActions => GitHubAnnotation(diagnostic),
        CiSystem.AzurePipelines => AzureAnnotation(diagnostic),
        _ => null,
    };

    /// <summary>Prints the diagnostic on <paramref name="error"/> and, in CI, its annotation on <paramref name="output"/> (where CI runners read commands).</summary>
    public void Print(TextWriter error, TextWriter output, Diagnostic diagnostic)
    {
        error.WriteLine(diagnostic);
        if (Annotation(diagnostic) is { } annotation)
        {
            output.WriteLine(annotation);
        }
    }

    /// <summary>Shows report.md on the job's page: appended to GITHUB_STEP_SUMMARY, or uploaded by Azure's task.uploadsummary.</summary>
    public void PublishSummary(TextWriter output, TextWriter error, string reportMarkdown)
    {
        if (StepSummary is { } summary)
        {
            File.AppendAllText(summary, File.ReadAllText(reportMarkdown) + "\n");
        }

        if (System == CiSystem.AzurePipelines)
        {
            // Under MSBuild stdout is logged below -v minimal; stderr always shows, and Azure finds ##vso anywhere in a line.
            (Annotates ? output : error).WriteLine($"##vso[task.uploadsummary]{Path.GetFullPath(reportMarkdown)}");
        }
    }

    private string GitHubAnnotation(Diagnostic d)
    {
        var properties = new List<string> { $"file={GitHubProperty(RelativeFile(d.File))}" };
        if (d.Line > 0)
        {
            properties.Add(Invariant($"line={d.Line}"));
            properties.Add(Invariant($"col={d.Column}"));
        }

        properties.Add($"title={GitHubProperty(d.Code)}");
        return $"::{(d.IsError ? "error" : "warning")} {string.Join(',', properties)}::{GitHubMessage(d.Message)}";
    }

    private string AzureAnnotation(Diagnostic d)
    {
        var properties = new List<string> { $"type={(d.IsError ? "error" : "warning")}", $"sourcepath={AzureProperty(RelativeFile(d.File))}" };
        if (d.Line > 0)
        {
            properties.Add(Invariant($"linenumber={d.Line}"));
            properties.Add(Invariant($"columnnumber={d.Column}"));
        }

        properties.Add($"code={AzureProperty(d.Code)}");
        return $"##vso[task.logissue {string.Join(';', properties)}]{AzureMessage(d.Message)}";
    }

    /// <summary>Annotations name files relative to the checkout, which is how both systems match them to the repository.</summary>
    private string RelativeFile(string file)
    {
        if (workspace is null || file.Length == 0)
        {
            return file;
        }

        var relative = Path.GetRelativePath(workspace, Path.GetFullPath(file));
        return relative.StartsWith("..", StringComparison.Ordinal) || Path.IsPathRooted(relative) ? file : relative.Replace('\\', '/');
    }

    // Escaping as the runners' own toolkits do (@actions/core's command.ts; azure-pipelines-task-lib's taskcommand.ts).
    private static string GitHubMessage(string text) => text.Replace("%", "%25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string GitHubProperty(string text) => GitHubMessage(text).Replace(":", "%3A").Replace(",", "%2C");

    private static string AzureMessage(string text) => text.Replace("%", "%AZP25").Replace("\r", "%0D").Replace("\n", "%0A");

    private static string AzureProperty(string text) => AzureMessage(text).Replace(";", "%3B").Replace("]", "%5D");

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
