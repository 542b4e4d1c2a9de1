using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class TokenFileReaderTests
{
    [Fact]
    public void Reads_bin_files_as_little_endian_int64()
    {
        var array = TokenFileReader.Read("t.bin", NpyTestFile.Int64(3, 1, 4, 1_000_000_000_000));

        Assert.Equal([3, 1, 4, 1_000_000_000_000], array.Ids);
        Assert.Equal([4], array.Shape);
    }

    [Fact]
    public void Rejects_a_bin_file_that_is_not_whole_int64s()
    {
        var error = Assert.Throws<CalibrationDataException>(() => TokenFileReader.Read("t.bin", new byte[12]));

        Assert.Contains("not a multiple of 8", error.Message);
    }
}
