using System.Security.Cryptography;
using System.Text;
using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class TensorHasherTests
{
    [Fact]
    public void Hash_is_sha256_of_dtype_shape_and_stored_bytes_in_lowercase_hex()
    {
        using var tensor = torch.tensor(new short[] { 1, 2, 3, 4 }).reshape(2, 2);
        var expected = SHA256.HashData([.. Encoding.UTF8.GetBytes("tensor/v1 I16 [2,2]\n"), .. tensor.bytes.ToArray()]);

        Assert.Equal(Convert.ToHexStringLower(expected), TensorHasher.Hash(tensor));
    }

    [Fact]
    public void File_tensor_and_loaded_tensor_hash_alike_and_the_name_does_not_matter()
    {
        using var folder = new TemporaryFolder();
        using var w = WrittenBytes.Tensor(TensorDtype.BF16, [3, 7], seed: 5);
        var path = folder.File("m.safetensors");
        SafetensorsWriter.Write(path, [KeyValuePair.Create("a", w), KeyValuePair.Create("b", w)]);
        using var file = SafetensorsFile.Open(path);
        using var loaded = file.Load("a");
        using var memory = new InMemoryTensorSource([KeyValuePair.Create("c", w)]);

        var hash = TensorHasher.Hash(file, "a");

        Assert.Equal(hash, TensorHasher.Hash(file, "b"));
        Assert.Equal(hash, TensorHasher.Hash(loaded));
        Assert.Equal(hash, TensorHasher.Hash(memory, "c"));
        Assert.Matches("^[0-9a-f]{64}$", hash);
    }

    [Fact]
    public void Same_bytes_under_another_shape_or_dtype_hash_differently()
    {
        using var flat = torch.tensor(new short[] { 1, 2, 3, 4 });
        using var square = flat.reshape(2, 2);
        using var asHalf = torch.empty(4, dtype: torch.float16);
        asHalf.bytes = flat.bytes;

        Assert.NotEqual(TensorHasher.Hash(flat), TensorHasher.Hash(square));
        Assert.NotEqual(TensorHasher.Hash(flat), TensorHasher.Hash(asHalf));
    }

    [Fact]
    public void Non_contiguous_tensors_hash_as_their_row_major_copy()
    {
        using var matrix = torch.arange(6, dtype: torch.int32).reshape(2, 3);
        using var transposed = matrix.T;
        using var copy = transposed.contiguous();

        Assert.Equal(TensorHasher.Hash(copy), TensorHasher.Hash(transposed));
    }

    [Fact]
    public void Empty_tensors_hash_by_dtype_and_shape()
    {
        using var empty = torch.empty(0, 4);

        Assert.Equal(
            Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("tensor/v1 F32 [0,4]\n"))),
            TensorHasher.Hash(empty));
    }
}
