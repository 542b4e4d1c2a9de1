using System.Text;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class SafetensorsWriterTests
{
    public static TheoryData<TensorDtype> TorchDtypes => new(Enum.GetValues<TensorDtype>()
        .Where(d => d is not (TensorDtype.U16 or TensorDtype.U32 or TensorDtype.U64)));

    [Theory]
    [MemberData(nameof(TorchDtypes))]
    public void Tensors_of_every_torch_dtype_round_trip_bit_exactly(TensorDtype dtype)
    {
        using var folder = new TemporaryFolder();
        using var original = WrittenBytes.Tensor(dtype, [3, 5], seed: (int)dtype);
        using var scalar = WrittenBytes.Tensor(dtype, [], seed: 99);
        var path = folder.File("out.safetensors");

        SafetensorsWriter.Write(path, [KeyValuePair.Create("t", original), KeyValuePair.Create("s", scalar)]);

        using var file = SafetensorsFile.Open(path);
        using var loaded = file.Load("t");
        using var loadedScalar = file.Load("s");
        Assert.Equal(original.dtype, loaded.dtype);
        Assert.Equal([3L, 5L], loaded.shape);
        Assert.Equal(original.bytes.ToArray(), loaded.bytes.ToArray());
        Assert.Empty(loadedScalar.shape);
        Assert.Equal(scalar.bytes.ToArray(), loadedScalar.bytes.ToArray());
    }

    [Theory]
    [InlineData(TensorDtype.U16)]
    [InlineData(TensorDtype.U32)]
    [InlineData(TensorDtype.U64)]
    public void Dtypes_torch_lacks_are_copied_bit_exactly_from_a_source(TensorDtype dtype)
    {
        using var folder = new TemporaryFolder();
        var data = RawSafetensors.Bytes(4 * dtype.ElementSize());
        var header = "{" + RawSafetensors.Entry("u", dtype.ToString(), [2, 2], 0, data.Length) + "}";
        using var source = SafetensorsFile.Open(RawSafetensors.Write(folder.File("in.safetensors"), header, data));
        var path = folder.File("out.safetensors");

        SafetensorsWriter.Write(path, [SafetensorsEntry.CopyOf(source, "u", "renamed")]);

        using var copy = SafetensorsFile.Open(path);
        using var bytes = new MemoryStream();
        using (var raw = copy.OpenRawBytes("renamed"))
            raw.CopyTo(bytes);
        Assert.Equal(dtype, copy.Info("renamed").Dtype);
        Assert.Equal(data, bytes.ToArray());
    }

    [Fact]
    public void Header_is_compact_json_in_the_given_order_with_metadata_first_padded_with_spaces_to_8_bytes()
    {
        using var folder = new TemporaryFolder();
        using var b = torch.zeros(2, dtype: torch.float32);
        using var a = torch.zeros(1, 3, dtype: torch.int8);
        var path = folder.File("out.safetensors");

        SafetensorsWriter.Write(path, [KeyValuePair.Create("b", b), KeyValuePair.Create("a", a)],
            new Dictionary<string, string> { ["z"] = "1", ["format"] = "pt" });

        var bytes = File.ReadAllBytes(path);
        var headerLength = (int)BitConverter.ToUInt64(bytes, 0);
        var header = Encoding.UTF8.GetString(bytes, 8, headerLength);
        const string Json = "{\"__metadata__\":{\"format\":\"pt\",\"z\":\"1\"},"
            + "\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
            + "\"a\":{\"dtype\":\"I8\",\"shape\":[1,3],\"data_offsets\":[8,11]}}";
        Assert.Equal(0, headerLength % 8);
        Assert.Equal(Json.PadRight(headerLength), header);
        Assert.Equal(8 + headerLength + 11, bytes.Length);
    }

    [Fact]
    public void Same_input_gives_the_same_bytes_and_a_rewrite_of_a_read_file_reproduces_it()
    {
        using var folder = new TemporaryFolder();
        using var w = WrittenBytes.Tensor(TensorDtype.BF16, [4, 3], seed: 1);
        using var m = WrittenBytes.Tensor(TensorDtype.BOOL, [5], seed: 2);
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["note"] = "ünïcode <&>" };
        var first = folder.File("first.safetensors");
        var second = folder.File("second.safetensors");
        var rewritten = folder.File("rewritten.safetensors");

        SafetensorsWriter.Write(first, [KeyValuePair.Create("w", w), KeyValuePair.Create("mask", m)], metadata);
        SafetensorsWriter.Write(second, [KeyValuePair.Create("w", w), KeyValuePair.Create("mask", m)], metadata);
        using (var read = SafetensorsFile.Open(first))
            SafetensorsWriter.Write(rewritten, read.Names.Select(n => SafetensorsEntry.CopyOf(read, n)).ToList(), read.Metadata);

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(rewritten));
    }

    [Fact]
    public void Deferred_entries_are_produced_one_at_a_time_in_order_and_disposed_after_writing()
    {
        using var folder = new TemporaryFolder();
        var produced = new List<torch.Tensor>();
        SafetensorsEntry Deferred(string name, float value) => SafetensorsEntry.Deferred(name, TensorDtype.F32, [2], () =>
        {
            Assert.All(produced, t => Assert.True(t.IsInvalid));
            var tensor = torch.full(2, value).DetachFromDisposeScope();
            produced.Add(tensor);
            return tensor;
        });
        var entries = new[] { Deferred("x", 1f), Deferred("y", 2f) };

        Assert.Empty(produced);
        SafetensorsWriter.Write(folder.File("out.safetensors"), entries);

        using var file = SafetensorsFile.Open(folder.File("out.safetensors"));
        using var y = file.Load("y");
        Assert.Equal(2, produced.Count);
        Assert.All(produced, t => Assert.True(t.IsInvalid));
        Assert.Equal(new[] { 2f, 2f }, y.data<float>().ToArray());
    }

    [Fact]
    public void Rewriting_a_fixture_through_raw_copies_keeps_every_tensor_bit_exact()
    {
        using var folder = new TemporaryFolder();
        using var source = ModelWeights.Open(PruneTask.Tests.Common.RepositoryPaths.Fixture("models", "tiny-opt"));
        var path = folder.File("copy.safetensors");

        SafetensorsWriter.Write(path, source.Names.Select(n => SafetensorsEntry.CopyOf(source, n)).ToList());

        using var copy = SafetensorsFile.Open(path);
        Assert.Equal(source.Names, copy.Names);
        Assert.All(source.Names, n => Assert.Equal(TensorHasher.Hash(source, n), TensorHasher.Hash(copy, n)));
    }

    [Fact]
    public void Entry_writing_the_wrong_number_of_bytes_fails_and_leaves_no_file_behind()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("out.safetensors");
        var tooShort = new SafetensorsEntry("short", TensorDtype.F32, [2], stream => stream.Write(new byte[7]));
        var tooLong = new SafetensorsEntry("long", TensorDtype.F32, [2], stream => stream.Write(new byte[9]));

        var shortError = Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(path, [tooShort]));
        var longError = Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(path, [tooLong]));

        Assert.Equal("tensor 'short': wrote 7 bytes, but its dtype and shape need 8", shortError.Message);
        Assert.Equal("tensor 'long': wrote at least 9 bytes, but its dtype and shape need 8", longError.Message);
        Assert.Empty(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Deferred_tensor_of_another_shape_than_promised_fails()
    {
        using var folder = new TemporaryFolder();
        var entry = SafetensorsEntry.Deferred("w", TensorDtype.F32, [2, 2], () => torch.zeros(4));

        var error = Assert.Throws<InvalidOperationException>(() => SafetensorsWriter.Write(folder.File("out.safetensors"), [entry]));

        Assert.Equal("tensor 'w': produced F32 [4], but the header promises F32 [2, 2]", error.Message);
    }

    [Fact]
    public void Duplicate_and_reserved_names_are_refused()
    {
        using var folder = new TemporaryFolder();
        using var t = torch.zeros(1);
        var path = folder.File("out.safetensors");

        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path, [KeyValuePair.Create("a", t), KeyValuePair.Create("a", t)]));
        Assert.Throws<ArgumentException>(() => SafetensorsWriter.Write(path, [KeyValuePair.Create("__metadata__", t)]));
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Writing_over_an_existing_file_replaces_it()
    {
        using var folder = new TemporaryFolder();
        using var first = torch.zeros(1);
        using var second = torch.ones(2);
        var path = folder.File("out.safetensors");

        SafetensorsWriter.Write(path, [KeyValuePair.Create("a", first)]);
        SafetensorsWriter.Write(path, [KeyValuePair.Create("b", second)]);

        using var file = SafetensorsFile.Open(path);
        Assert.Equal(["b"], file.Names);
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    [Fact]
    public void Non_contiguous_tensors_are_written_in_row_major_order()
    {
        using var folder = new TemporaryFolder();
        using var matrix = torch.arange(6, dtype: torch.int64).reshape(2, 3);
        using var transposed = matrix.T;
        var path = folder.File("out.safetensors");

        SafetensorsWriter.Write(path, [KeyValuePair.Create("t", transposed)]);

        using var file = SafetensorsFile.Open(path);
        using var loaded = file.Load("t");
        Assert.Equal(new long[] { 0, 3, 1, 4, 2, 5 }, loaded.data<long>().ToArray());
    }
}
