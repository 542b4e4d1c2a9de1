using PruneTask.Engine.IO;
using PruneTask.Engine.Diagnostics;

namespace PruneTask.Engine.Tests.IO;

public sealed class WriteFailureTests
{
    [Fact]
    public void A_full_device_is_disk_full_naming_the_file()
    {
        // /dev/full fails every write with ENOSPC, as a full disk does.
        var e = Assert.ThrowsAny<IOException>(() =>
        {
            using var stream = new FileStream("/dev/full", FileMode.Open, FileAccess.Write);
            stream.Write(new byte[4096]);
            stream.Flush();
        });
        Assert.True(WriteFailure.IsDiskFull(e), $"{e.HResult}: {e.Message}");
        var failure = WriteFailure.Describe(e, "/dev");
        Assert.NotNull(failure);
        Assert.Equal(RunErrorCodes.CannotWrite, failure.Code);
        Assert.Equal("disk full writing /dev/full.", failure.Message);
    }

    [Fact]
    public void Access_denied_under_a_written_folder_is_read_only_elsewhere_it_is_not_a_write_failure()
    {
        var e = new UnauthorizedAccessException("Access to the path '/work/out/.x.tmp/model.safetensors' is denied.");
        Assert.Equal("cannot write /work/out/.x.tmp/model.safetensors: read-only (or not writable for this user).", WriteFailure.Describe(e, "/work/out")!.Message);
        Assert.Null(WriteFailure.Describe(e, "/models"));
    }

    [Fact]
    public void Other_io_errors_are_not_write_failures()
    {
        Assert.Null(WriteFailure.Describe(new IOException("The process cannot access the file '/a' because it is being used by another process.", 11), "/a"));
    }
}
