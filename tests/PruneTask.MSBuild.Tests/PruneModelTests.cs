using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class PruneModelTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly RecordingBuildEngine _engine = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void A_canonical_error_line_becomes_an_msbuild_error_with_file_line_column_and_code()
    {
        var task = Task("echo 'models/llama.prune.yaml(12,5): error PRN012: unknown key' >&2; exit 1");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("models/llama.prune.yaml", 12, 5, "PRN012", "unknown key"), (error.File, error.LineNumber, error.ColumnNumber, error.Code, error.Message));
    }

    [Fact]
    public void A_canonical_warning_becomes_an_msbuild_warning_and_the_run_succeeds()
    {
        var task = Task("mkdir -p \"$4\"; echo 'r.prune.yaml(3,1): warning PRN040: sparsity above 0.9' >&2");

        Assert.True(task.Execute());

        var warning = Assert.Single(_engine.Warnings);
        Assert.Equal(("r.prune.yaml", 3, 1, "PRN040"), (warning.File, warning.LineNumber, warning.ColumnNumber, warning.Code));
        Assert.Empty(_engine.Errors);
    }

    [Fact]
    public void A_failure_without_a_diagnostic_is_reported_as_PRN902_on_the_recipe()
    {
        var task = Task("echo 'Segmentation fault' >&2; exit 2");

        Assert.False(task.Execute());

        var error = Assert.Single(_engine.Errors);
        Assert.Equal(("PRN902", task.Recipe), (error.Code, error.File));
        Assert.Contains("exit code 2", error.Message);
    }

    [Fact]
    public void Exit_code_130_is_reported_as_cancelled()
    {
        var task = Task("exit 130");

        Assert.False(task.Execute());

        Assert.Contains("cancelled", Assert.Single(_engine.Errors).Message);
    }

    [Fact]
    public void The_tool_runs_in_the_working_directory_with_the_generated_arguments()
    {
        var task = Task("pwd > \"$4/cwd.txt\"; echo \"$@\" > \"$4/args.txt\"");
        task.WorkingDirectory = _directory.Combine("project");
        Directory.CreateDirectory(task.WorkingDirectory);
        Directory.CreateDirectory(task.OutputDirectory);

        Assert.True(task.Execute());

        Assert.Equal(task.WorkingDirectory, File.ReadAllText(Path.Combine(task.OutputDirectory, "cwd.txt")).Trim());
        Assert.Equal(
            $"run {task.Recipe} --output {task.OutputDirectory} --set defaults.sparsity=0.7 --diagnostics-format msbuild --verbosity quiet",
            File.ReadAllText(Path.Combine(task.OutputDirectory, "args.txt")).Trim());
    }

    [Fact]
    public void A_successful_run_lists_the_files_it_wrote()
    {
        var task = Task("mkdir -p \"$4/shards\"; echo w > \"$4/shards/model.safetensors\"; echo l > \"$4/prune.lock.json\"");
        task.OutputListFile = _directory.Combine("state", "r.files");

        Assert.True(task.Execute());

        string[] expected = [Path.Combine(task.OutputDirectory, "prune.lock.json"), Path.Combine(task.OutputDirectory, "shards", "model.safetensors")];
        Assert.Equal(expected, task.WrittenFiles.Select(f => f.ItemSpec));
        Assert.Equal(expected, File.ReadAllLines(task.OutputListFile));
    }

    private PruneModel Task(string script) => new()
    {
        BuildEngine = _engine,
        ToolCommand = ScriptTool.Create(_directory, script),
        Recipe = _directory.Write("r.prune.yaml", "version: 1\n"),
        OutputDirectory = _directory.Combine("out"),
        Overrides = ["defaults.sparsity=0.7"],
        Verbosity = "quiet",
    };
}
