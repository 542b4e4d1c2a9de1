namespace PruneTask.Engine.Tests.IO;

public class SafetensorsLayoutValidatorTests
{
    [Fact]
    public void Span_that_does_not_match_shape_times_dtype_size_is_rejected()
    {
        var error = Rejection.OfEntries(20, RawSafetensors.Entry("w", "F32", [2, 3], 0, 20));

        Assert.Equal("tensor 'w': shape [2, 3] of F32 needs 24 bytes but data_offsets [0, 20] span 20", error.Problem);
    }

    [Fact]
    public void Offsets_ending_before_they_begin_are_rejected_as_out_of_order()
    {
        var error = Rejection.OfEntries(8, RawSafetensors.Entry("w", "F32", [1], 8, 4));

        Assert.Equal("tensor 'w': data_offsets [8, 4] are out of order (end before begin)", error.Problem);
    }

    [Fact]
    public void Overlapping_tensors_are_rejected()
    {
        var error = Rejection.OfEntries(12,
            RawSafetensors.Entry("a", "F32", [2], 0, 8), RawSafetensors.Entry("b", "F32", [2], 4, 12));

        Assert.Equal("tensors 'a' [0, 8] and 'b' [4, 12] overlap", error.Problem);
    }

    [Fact]
    public void Offsets_beyond_the_data_region_are_rejected_as_out_of_range()
    {
        var error = Rejection.OfEntries(8,
            RawSafetensors.Entry("a", "F32", [2], 0, 8), RawSafetensors.Entry("b", "F32", [2], 8, 16));

        Assert.Equal(
            "tensor 'b': data_offsets [8, 16] are out of range: the data region after the header holds 8 bytes (is the file truncated?)",
            error.Problem);
    }

    [Fact]
    public void Bytes_that_belong_to_no_tensor_are_rejected()
    {
        var error = Rejection.OfEntries(12,
            RawSafetensors.Entry("a", "F32", [1], 0, 4), RawSafetensors.Entry("b", "F32", [1], 8, 12));

        Assert.Equal("bytes [4, 8) of the data region belong to no tensor (tensor 'b' starts at 8)", error.Problem);
    }

    [Fact]
    public void Trailing_bytes_after_the_last_tensor_are_rejected()
    {
        var error = Rejection.OfEntries(10, RawSafetensors.Entry("a", "F32", [2], 0, 8));

        Assert.Equal("the data region holds 10 bytes but the tensors cover only 8", error.Problem);
    }

    [Fact]
    public void Shape_too_large_to_address_is_rejected()
    {
        var error = Rejection.OfEntries(8, RawSafetensors.Entry("a", "F64", [4294967296, 4294967296], 0, 8));

        Assert.Equal("tensor 'a': shape [4294967296, 4294967296] is too large to address", error.Problem);
    }
}
