using System.Text;
using PruneTask.Engine.IO;

namespace PruneTask.Engine.Tests.IO;

public class SafetensorsHeaderParserTests
{
    [Fact]
    public void Malformed_json_is_rejected()
    {
        var error = Rejection.OfHeader("{\"a\":{\"dtype\":\"F32\",");

        Assert.StartsWith("header is not valid JSON (", error.Problem);
    }

    [Fact]
    public void Empty_header_is_rejected_as_malformed_json()
    {
        Assert.StartsWith("header is not valid JSON (", Rejection.OfHeader("").Problem);
    }

    [Fact]
    public void Trailing_text_after_the_header_object_is_rejected_as_malformed_json()
    {
        Assert.StartsWith("header is not valid JSON (", Rejection.OfHeader("{} x").Problem);
    }

    [Fact]
    public void Non_utf8_header_is_rejected()
    {
        var header = Encoding.UTF8.GetBytes("{\"__metadata__\":{\"k\":\"v?\"}}");
        header[Array.IndexOf(header, (byte)'?')] = 0xFF;

        var error = Rejection.OfFile(header, []);

        Assert.Equal("header is not valid UTF-8", error.Problem);
    }

    [Fact]
    public void Header_that_is_not_an_object_is_rejected()
    {
        Assert.Equal("header is a JSON Array, not an object", Rejection.OfHeader("[]").Problem);
    }

    [Fact]
    public void Duplicate_tensor_names_are_rejected()
    {
        var entry = RawSafetensors.Entry("a", "F32", [1], 0, 4);

        Assert.Equal("duplicate tensor name 'a'", Rejection.OfEntries(4, entry, entry).Problem);
    }

    [Fact]
    public void Duplicate_metadata_is_rejected()
    {
        var error = Rejection.OfHeader("{\"__metadata__\":{},\"__metadata__\":{}}");

        Assert.Equal("header has __metadata__ twice", error.Problem);
    }

    [Fact]
    public void Metadata_values_must_be_strings()
    {
        var error = Rejection.OfHeader("{\"__metadata__\":{\"step\":3}}");

        Assert.Equal("__metadata__ value of 'step' is not a string", error.Problem);
    }

    [Fact]
    public void Duplicate_keys_inside_an_entry_are_rejected()
    {
        var error = Rejection.OfHeader("{\"a\":{\"dtype\":\"F32\",\"dtype\":\"F16\",\"shape\":[],\"data_offsets\":[0,4]}}", 4);

        Assert.Equal("tensor 'a': duplicate key \"dtype\"", error.Problem);
    }

    [Fact]
    public void Unknown_dtype_is_rejected()
    {
        var error = Rejection.OfEntries(4, RawSafetensors.Entry("a", "F8_E4M3", [4], 0, 4));

        Assert.Equal("tensor 'a': unknown dtype \"F8_E4M3\"", error.Problem);
    }

    [Fact]
    public void Dtype_names_are_case_sensitive()
    {
        var error = Rejection.OfEntries(4, RawSafetensors.Entry("a", "f32", [1], 0, 4));

        Assert.Equal("tensor 'a': unknown dtype \"f32\"", error.Problem);
    }

    [Fact]
    public void Missing_field_is_rejected()
    {
        var error = Rejection.OfHeader("{\"a\":{\"dtype\":\"F32\",\"data_offsets\":[0,4]}}", 4);

        Assert.Equal("tensor 'a': missing \"shape\"", error.Problem);
    }

    [Theory]
    [InlineData("[-1]", "-1")]
    [InlineData("[1.5]", "1.5")]
    [InlineData("[\"2\"]", "\"2\"")]
    public void Shape_sizes_must_be_non_negative_integers(string shape, string culprit)
    {
        var error = Rejection.OfHeader($"{{\"a\":{{\"dtype\":\"F32\",\"shape\":{shape},\"data_offsets\":[0,4]}}}}", 4);

        Assert.Equal($"tensor 'a': \"shape\" holds {culprit}, not a non-negative 64-bit integer", error.Problem);
    }

    [Fact]
    public void Offsets_beyond_64_bits_are_rejected()
    {
        var error = Rejection.OfHeader("{\"a\":{\"dtype\":\"U8\",\"shape\":[1],\"data_offsets\":[0,18446744073709551616]}}", 1);

        Assert.Equal("tensor 'a': \"data_offsets\" holds 18446744073709551616, not a non-negative 64-bit integer", error.Problem);
    }

    [Fact]
    public void Data_offsets_must_be_a_pair()
    {
        var error = Rejection.OfHeader("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4,8]}}", 4);

        Assert.Equal("tensor 'a': \"data_offsets\" has 3 values, not 2", error.Problem);
    }

    [Fact]
    public void Entry_that_is_not_an_object_is_rejected()
    {
        Assert.Equal("tensor 'a': entry is a JSON Number, not an object", Rejection.OfHeader("{\"a\":1}").Problem);
    }
}
