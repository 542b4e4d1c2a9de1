using Microsoft.Build.Utilities;
using PruneTask.MSBuild.Tests.Support;

namespace PruneTask.MSBuild.Tests;

public sealed class CleanPruneOutputsTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    [Fact]
    public void Deletes_the_listed_files_and_the_folders_they_leave_empty_but_nothing_else()
    {
        var model = _directory.Write("models/pruned/llama/shards/model-1.safetensors", "w");
        var lockFile = _directory.Write("models/pruned/llama/prune.lock.json", "l");
        var source = _directory.Write("models/llama/model.safetensors", "dense");
        var list = _directory.Write("state/llama.files", string.Join("\n", model, lockFile));

        Assert.True(Clean(list).Execute());

        Assert.False(Directory.Exists(_directory.Combine("models", "pruned", "llama")));
        Assert.True(Directory.Exists(_directory.Combine("models", "pruned")));
        Assert.True(File.Exists(source));
    }

    [Fact]
    public void Keeps_a_folder_that_holds_files_it_did_not_write()
    {
        var model = _directory.Write("out/llama/model.safetensors", "w");
        var notes = _directory.Write("out/llama/notes.txt", "mine");
        var list = _directory.Write("state/llama.files", model);

        Assert.True(Clean(list).Execute());

        Assert.False(File.Exists(model));
        Assert.True(File.Exists(notes));
    }

    [Fact]
    public void Deletes_the_given_folders_only_when_they_end_up_empty()
    {
        var model = _directory.Write("obj/pruned/llama/model.safetensors", "w");
        _directory.Write("bin/pruned/other.txt", "x");
        var list = _directory.Write("state/llama.files", model);
        var task = Clean(list);
        task.EmptyFolders = [new TaskItem(_directory.Combine("obj", "pruned")), new TaskItem(_directory.Combine("bin", "pruned"))];

        Assert.True(task.Execute());

        Assert.False(Directory.Exists(_directory.Combine("obj", "pruned")));
        Assert.True(Directory.Exists(_directory.Combine("bin", "pruned")));
    }

    private static CleanPruneOutputs Clean(string list) => new()
    {
        BuildEngine = new RecordingBuildEngine(),
        ListFiles = [new TaskItem(list)],
    };
}
