using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class NpyReaderTests
{
    private const string Path = "tokens.npy";

    [Fact]
    public void Reads_a_flat_int32_stream()
    {
        var array = NpyReader.Read(Path, NpyTestFile.Create("<i4", "(4,)", NpyTestFile.Int32(5, 6, 7, 8)));

        Assert.Equal([5, 6, 7, 8], array.Ids);
        Assert.Equal([4], array.Shape);
        Assert.False(array.IsSequences);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Reads_int64_sequences_in_every_format_version(byte version)
    {
        var array = NpyReader.Read(Path, NpyTestFile.Create("<i8", "(2, 3)", NpyTestFile.Int64(1, 2, 3, 4, 5, 50000000000), version: version));

        Assert.Equal([1, 2, 3, 4, 5, 50000000000], array.Ids);
        Assert.Equal([2, 3], array.Shape);
        Assert.True(array.IsSequences);
    }

    [Theory]
    [InlineData("<f4", "(2,)", "dtype '<f4' is not supported")]
    [InlineData(">i8", "(1,)", "dtype '>i8' is not supported")]
    [InlineData("<i8", "(1, 1, 1)", "expected 1 dimension")]
    [InlineData("<i8", "()", "expected 1 dimension")]
    [InlineData("<i8", "(3,)", "fewer than the 3 × 8")]
    public void Rejects_unsupported_arrays_with_a_clear_message(string descr, string shape, string message)
    {
        var bytes = NpyTestFile.Create(descr, shape, NpyTestFile.Int64(1, 2));

        var error = Assert.Throws<CalibrationDataException>(() => NpyReader.Read(Path, bytes));

        Assert.Contains(message, error.Message);
        Assert.Equal(Path, error.FilePath);
    }

    [Fact]
    public void Rejects_fortran_order()
    {
        var bytes = NpyTestFile.Create("<i8", "(1, 2)", NpyTestFile.Int64(1, 2), fortranOrder: true);

        Assert.Contains("Fortran order", Assert.Throws<CalibrationDataException>(() => NpyReader.Read(Path, bytes)).Message);
    }

    [Fact]
    public void Rejects_a_file_without_the_magic()
    {
        Assert.Contains("not a .npy file", Assert.Throws<CalibrationDataException>(() => NpyReader.Read(Path, new byte[32])).Message);
    }
}
