using PruneTask.Engine.Models;

namespace PruneTask.Engine.Tests.Models;

public class NativeHeapTests
{
    [Fact]
    public void The_mmap_threshold_is_pinned_on_linux_glibc()
    {
        Assert.Equal(OperatingSystem.IsLinux(), NativeHeap.ReturnLargeBlocksToSystem());
    }
}
