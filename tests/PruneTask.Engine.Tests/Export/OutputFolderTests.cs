using PruneTask.Engine.Export;
using PruneTask.Engine.IO;
using PruneTask.Engine.Tests.Caching;
using PruneTask.Engine.Diagnostics;
using PruneTask.Engine.Reporting;

namespace PruneTask.Engine.Tests.Export;

public sealed class OutputFolderTests : IDisposable
{
    /// <summary>A minimal valid prune.lock.json.</summary>
    public const string LockJson = """
        {"lock_version": 1, "tool_version": "0.1.0", "recipe_hash": "ab", "model_fingerprint": "cd", "data_fingerprints": {}, "stage_keys": {}, "outputs": {"model.safetensors": "ef"}}
        """;

    private readonly TempFolder _temp = new();

    public void Dispose() => _temp.Dispose();

    private string Target => _temp.Combine("out");

    private string[] Siblings() => Directory.EnumerateFileSystemEntries(_temp.Path).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray()!;

    private static void WriteOutput(OutputFolder folder, string content)
    {
        File.WriteAllText(folder.PathOf("model.safetensors"), content);
        File.WriteAllText(folder.PathOf(LockFile.FileName), LockJson);
    }

    [Fact]
    public void Commit_replaces_an_earlier_output_and_leaves_nothing_beside_it()
    {
        using (var first = new OutputFolder(Target))
        {
            WriteOutput(first, "one");
            first.Commit();
        }

        using (var second = new OutputFolder(Target + "/"))
        {
            WriteOutput(second, "two");
            second.Commit();
        }

        Assert.Equal("two", File.ReadAllText(Path.Combine(Target, "model.safetensors")));
        Assert.Equal(["out"], Siblings());
    }

    [Fact]
    public void Commit_refuses_a_target_that_became_a_foreign_folder_during_the_run()
    {
        using var folder = new OutputFolder(Target);
        WriteOutput(folder, "new");
        Directory.CreateDirectory(Target);
        File.WriteAllText(Path.Combine(Target, "precious.txt"), "keep me");
        var e = Assert.Throws<PruneRunException>(folder.Commit);
        Assert.Equal(RunErrorCodes.UnsafePath, e.Code);
        Assert.Equal("keep me", File.ReadAllText(Path.Combine(Target, "precious.txt")));
        Assert.Single(Directory.EnumerateFileSystemEntries(Target));
    }

    [Fact]
    public void Commit_refuses_a_target_that_became_a_file_or_a_link()
    {
        using (var folder = new OutputFolder(Target))
        {
            File.WriteAllText(Target, "a file");
            Assert.Throws<PruneRunException>(folder.Commit);
            Assert.Equal("a file", File.ReadAllText(Target));
            File.Delete(Target);
        }

        var precious = Directory.CreateDirectory(_temp.Combine("precious")).FullName;
        File.WriteAllText(Path.Combine(precious, "prune.lock.json"), LockJson);
        using (var folder = new OutputFolder(Target))
        {
            Directory.CreateSymbolicLink(Target, precious);
            Assert.Throws<PruneRunException>(folder.Commit);
        }

        Assert.True(File.Exists(Path.Combine(precious, "prune.lock.json")));
    }

    [Fact]
    public void Disposing_without_commit_removes_the_staging_folder_and_its_lock()
    {
        using (var folder = new OutputFolder(Target))
        {
            WriteOutput(folder, "unfinished");
            Assert.Equal(2, Siblings().Length);
        }

        Assert.Empty(Siblings());
    }

    [Fact]
    public void RemoveAbandoned_removes_the_folders_of_a_run_that_is_gone()
    {
        // What a killed run leaves: its lock file (nobody holds it any more), staging and previous-output folders.
        var stem = _temp.Combine($".out.{Guid.NewGuid():N}");
        File.WriteAllText(stem + WorkFolderLock.Suffix, string.Empty);
        Directory.CreateDirectory(stem + ".tmp");
        File.WriteAllText(Path.Combine(stem + ".tmp", "model.safetensors"), "half");
        Directory.CreateDirectory(stem + ".tmp.old");
        Directory.CreateDirectory(_temp.Combine(".other.0123456789abcdef0123456789abcdef.tmp"));
        Directory.CreateDirectory(_temp.Combine(".out.not-a-guid.tmp"));

        Assert.Equal(2, OutputFolder.RemoveAbandoned(Target));

        Assert.Equal([".other.0123456789abcdef0123456789abcdef.tmp", ".out.not-a-guid.tmp"], Siblings());
    }

    [Fact]
    public void RemoveAbandoned_keeps_the_folders_of_a_live_run()
    {
        using var live = new OutputFolder(Target);
        WriteOutput(live, "in progress");
        Assert.Equal(0, OutputFolder.RemoveAbandoned(Target));
        Assert.True(Directory.Exists(live.Staging));
        live.Commit();
        Assert.Equal("in progress", File.ReadAllText(Path.Combine(Target, "model.safetensors")));
    }

    [Fact]
    public void RemoveAbandoned_removes_unlocked_folders_of_older_versions_only_when_old()
    {
        var fresh = Directory.CreateDirectory(_temp.Combine($".out.{Guid.NewGuid():N}.tmp")).FullName;
        var old = Directory.CreateDirectory(_temp.Combine($".out.{Guid.NewGuid():N}.tmp")).FullName;
        Directory.SetLastWriteTimeUtc(old, DateTime.UtcNow - AbandonedWork.UnlockedAge - TimeSpan.FromMinutes(1));
        Assert.Equal(1, OutputFolder.RemoveAbandoned(Target));
        Assert.True(Directory.Exists(fresh));
        Assert.False(Directory.Exists(old));
    }
}
