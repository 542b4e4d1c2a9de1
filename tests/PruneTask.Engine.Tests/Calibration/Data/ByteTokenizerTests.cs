using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class ByteTokenizerTests
{
    [Fact]
    public void Each_utf8_byte_is_one_id()
    {
        Assert.Equal([0x68, 0x69, 0xC3, 0xA9], new ByteTokenizer().Encode("hié"));
    }
}
