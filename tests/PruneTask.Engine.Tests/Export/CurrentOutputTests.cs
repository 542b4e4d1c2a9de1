using PruneTask.Engine.Reporting;
using PruneTask.Engine.Tests.Stages;

namespace PruneTask.Engine.Tests.Export;

public sealed class CurrentOutputTests : IDisposable
{
    private static readonly DateTime LongAgo = new(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void A_rerun_whose_output_is_current_keeps_the_model_files_rewrites_the_reports_and_touches_the_lock_file()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var model = Path.Combine(_workspace.Output, "model.safetensors");
        var lockPath = Path.Combine(_workspace.Output, LockFile.FileName);
        var report = Path.Combine(_workspace.Output, RunReport.FileName);
        WrittenLongAgo();

        var second = _workspace.Run(recipe);

        Assert.All(second.Report.Layers, l => Assert.Equal("hit", l.Cache));
        Assert.Equal(LongAgo, File.GetLastWriteTimeUtc(model));
        Assert.True(File.GetLastWriteTimeUtc(lockPath) > LongAgo, "the lock file is touched so build tools see the output up to date");
        Assert.True(File.GetLastWriteTimeUtc(report) > LongAgo, "the reports describe the latest run");
        Assert.Contains("\"cache\": \"hit\"", File.ReadAllText(report), StringComparison.Ordinal);
        Assert.DoesNotContain("\"cache\": \"miss\"", File.ReadAllText(report), StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_output_file_is_written_again_from_the_cache()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var original = _workspace.OutputBytes("model.safetensors");
        var tampered = (byte[])original.Clone();
        tampered[^1] ^= 0x5a;
        WrittenLongAgo();
        File.WriteAllBytes(Path.Combine(_workspace.Output, "model.safetensors"), tampered);

        _workspace.Run(recipe);

        Assert.Equal(original, _workspace.OutputBytes("model.safetensors"));
    }

    [Fact]
    public void An_output_with_a_file_the_run_did_not_write_is_replaced_whole()
    {
        var recipe = _workspace.Recipe(PipelineWorkspace.Wanda);
        _workspace.Run(recipe);
        var original = _workspace.OutputBytes("model.safetensors");
        File.WriteAllText(Path.Combine(_workspace.Output, "notes.txt"), "mine");

        _workspace.Run(recipe);

        Assert.False(File.Exists(Path.Combine(_workspace.Output, "notes.txt")));
        Assert.Equal(original, _workspace.OutputBytes("model.safetensors"));
    }

    [Fact]
    public void A_lock_file_from_another_recipe_makes_the_run_write_the_folder_again()
    {
        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda));
        var model = Path.Combine(_workspace.Output, "model.safetensors");
        File.SetLastWriteTimeUtc(model, LongAgo);

        _workspace.Run(_workspace.Recipe(PipelineWorkspace.Wanda.Replace("0.5", "0.25", StringComparison.Ordinal)));

        Assert.NotEqual(LongAgo, File.GetLastWriteTimeUtc(model));
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>Dates every file of the output as if the run had been long ago, so a later change is later by the clock, whatever its resolution.</summary>
    private void WrittenLongAgo()
    {
        foreach (var file in Directory.EnumerateFiles(_workspace.Output))
        {
            File.SetLastWriteTimeUtc(file, LongAgo);
        }
    }
}
