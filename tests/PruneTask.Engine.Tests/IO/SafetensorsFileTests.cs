using PruneTask.Engine.IO;
using PruneTask.Tests.Common;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class SafetensorsFileTests
{
    [Fact]
    public void Open_lists_names_in_data_offset_order_with_absolute_offsets()
    {
        using var folder = new TemporaryFolder();
        var header = "{" + RawSafetensors.Entry("b", "F32", [2], 8, 16) + "," + RawSafetensors.Entry("a", "I16", [2, 2], 0, 8) + "}";
        var path = RawSafetensors.Write(folder.File("m.safetensors"), header, RawSafetensors.Bytes(16));

        using var file = SafetensorsFile.Open(path);

        Assert.Equal(["a", "b"], file.Names);
        var info = file.Info("b");
        Assert.Equal(new TensorInfo("b", TensorDtype.F32, info.Shape, path, 8 + header.Length + 8, 8), info);
        Assert.Equal([2L], info.Shape);
        Assert.True(file.Contains("a"));
        Assert.False(file.Contains("c"));
        Assert.Empty(file.Metadata);
    }

    [Fact]
    public void Load_copies_the_stored_bytes_into_a_tensor_of_the_stored_dtype()
    {
        using var folder = new TemporaryFolder();
        var data = RawSafetensors.Bytes(24);
        var header = "{" + RawSafetensors.Entry("w", "BF16", [3, 4], 0, 24) + "}";
        using var file = SafetensorsFile.Open(RawSafetensors.Write(folder.File("m.safetensors"), header, data));

        using var tensor = file.Load("w");

        Assert.Equal(torch.bfloat16, tensor.dtype);
        Assert.Equal([3L, 4L], tensor.shape);
        Assert.Equal(data, tensor.bytes.ToArray());
    }

    [Fact]
    public void Metadata_zero_size_tensors_and_scalars_are_read()
    {
        using var folder = new TemporaryFolder();
        var header = "{\"__metadata__\":{\"format\":\"pt\"}," + RawSafetensors.Entry("empty", "F32", [0, 5], 0, 0) + ","
            + RawSafetensors.Entry("scalar", "I64", [], 0, 8) + "}";
        using var file = SafetensorsFile.Open(RawSafetensors.Write(folder.File("m.safetensors"), header, BitConverter.GetBytes(-42L)));

        using var empty = file.Load("empty");
        using var scalar = file.Load("scalar");

        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal([0L, 5L], empty.shape);
        Assert.Empty(scalar.shape);
        Assert.Equal(-42L, scalar.item<long>());
    }

    [Fact]
    public void Unsigned_dtypes_torch_lacks_are_listed_and_readable_as_raw_bytes_but_do_not_load()
    {
        using var folder = new TemporaryFolder();
        var data = RawSafetensors.Bytes(8);
        var header = "{" + RawSafetensors.Entry("u", "U16", [4], 0, 8) + "}";
        using var file = SafetensorsFile.Open(RawSafetensors.Write(folder.File("m.safetensors"), header, data));

        using var raw = new MemoryStream();
        file.OpenRawBytes("u").CopyTo(raw);

        Assert.Equal(TensorDtype.U16, file.Info("u").Dtype);
        Assert.Equal(data, raw.ToArray());
        Assert.Throws<NotSupportedException>(() => file.Load("u"));
    }

    [Fact]
    public void Info_of_an_unknown_name_names_the_file_and_the_tensor()
    {
        using var folder = new TemporaryFolder();
        var path = RawSafetensors.Write(folder.File("m.safetensors"), "{}", []);
        using var file = SafetensorsFile.Open(path);

        var error = Assert.Throws<KeyNotFoundException>(() => file.Info("missing"));

        Assert.Contains(path, error.Message);
        Assert.Contains("'missing'", error.Message);
    }

    [Fact]
    public void Fixture_tensors_load_with_the_bytes_stored_in_the_file()
    {
        var path = RepositoryPaths.Fixture("models", "tiny-qwen2-bf16", "model.safetensors");
        var fileBytes = File.ReadAllBytes(path);
        using var file = SafetensorsFile.Open(path);

        Assert.NotEmpty(file.Names);
        foreach (var name in file.Names)
        {
            var info = file.Info(name);
            using var tensor = file.Load(name);
            Assert.Equal(torch.bfloat16, tensor.dtype);
            Assert.Equal(info.Shape, tensor.shape);
            Assert.Equal(fileBytes.AsSpan((int)info.DataOffset, (int)info.ByteLength).ToArray(), tensor.bytes.ToArray());
        }
    }

    [Fact]
    public void Open_reads_only_the_header_even_when_the_data_is_a_gigabyte()
    {
        using var folder = new TemporaryFolder();
        const long Gigabyte = 1L << 30;
        var header = "{\"__metadata__\":{\"k\":\"v\"}," + RawSafetensors.Entry("big", "F32", [Gigabyte / 4], 0, Gigabyte) + "}";
        var path = RawSafetensors.Write(folder.File("sparse.safetensors"), header, []);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.SetLength(stream.Length + Gigabyte);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        using (var file = SafetensorsFile.Open(path))
        {
            Assert.Equal(["big"], file.Names);
            Assert.Equal(Gigabyte, file.Info("big").ByteLength);
            using var raw = file.OpenRawBytes("big");
            Assert.Equal(Gigabyte, raw.Length);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.True(allocated < 1_000_000, $"opening allocated {allocated} bytes");
    }

    [Fact]
    public void File_too_short_for_the_header_length_is_rejected_as_truncated()
    {
        using var folder = new TemporaryFolder();
        var path = folder.File("short.safetensors");
        File.WriteAllBytes(path, [1, 2, 3]);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));

        Assert.Equal(path, error.FilePath);
        Assert.Equal($"{path}: file is truncated: 3 bytes, too short for the 8-byte header length", error.Message);
    }

    [Fact]
    public void Header_length_beyond_the_file_is_rejected()
    {
        var error = Rejection.OfFile("{}"u8.ToArray(), [], declaredHeaderLength: 9_999_999);

        Assert.Equal("header length 9999999 exceeds the file size (10 bytes)", error.Problem);
    }

    [Fact]
    public void Header_length_over_100_MB_is_rejected_before_anything_is_allocated()
    {
        using var folder = new TemporaryFolder();
        var path = RawSafetensors.Write(folder.File("huge-header.safetensors"), "{}"u8.ToArray(), [], 150_000_000);
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.SetLength(200_000_000);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Equal("header length 150000000 exceeds the 100 MB limit", error.Problem);
        Assert.True(allocated < 1_000_000, $"rejecting allocated {allocated} bytes");
    }

    [Fact]
    public void File_cut_short_inside_the_data_is_rejected_as_out_of_range()
    {
        using var folder = new TemporaryFolder();
        var header = "{" + RawSafetensors.Entry("w", "F32", [4], 0, 16) + "}";
        var path = RawSafetensors.Write(folder.File("cut.safetensors"), header, RawSafetensors.Bytes(16));
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
            stream.SetLength(stream.Length - 5);

        var error = Assert.Throws<SafetensorsFormatException>(() => SafetensorsFile.Open(path));

        Assert.Contains("out of range", error.Problem);
        Assert.Contains("holds 11 bytes (is the file truncated?)", error.Problem);
    }

    [Fact]
    public void Loading_after_dispose_throws()
    {
        using var folder = new TemporaryFolder();
        var header = "{" + RawSafetensors.Entry("w", "U8", [2], 0, 2) + "}";
        var file = SafetensorsFile.Open(RawSafetensors.Write(folder.File("m.safetensors"), header, [1, 2]));

        file.Dispose();

        Assert.Throws<ObjectDisposedException>(() => file.Load("w"));
    }
}
