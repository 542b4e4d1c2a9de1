using PruneTask.Engine.IO;
using TorchSharp;

namespace PruneTask.Engine.Tests.IO;

public class TensorDtypesTests
{
    [Fact]
    public void Every_dtype_parses_from_its_header_name()
    {
        Assert.All(Enum.GetValues<TensorDtype>(), dtype =>
        {
            Assert.True(TensorDtypes.TryParse(dtype.ToString(), out var parsed));
            Assert.Equal(dtype, parsed);
        });
        Assert.False(TensorDtypes.TryParse("3", out _));
        Assert.False(TensorDtypes.TryParse("bf16", out _));
    }

    [Fact]
    public void Element_sizes_match_torch_for_every_dtype_torch_holds()
    {
        foreach (var dtype in Enum.GetValues<TensorDtype>().Where(d => d is not (TensorDtype.U16 or TensorDtype.U32 or TensorDtype.U64)))
        {
            using var tensor = torch.empty(1, dtype: dtype.ToScalarType());
            Assert.Equal(tensor.ElementSize, dtype.ElementSize());
            Assert.Equal(dtype, TensorDtypes.FromScalarType(tensor.dtype));
        }
        Assert.Equal([2, 4, 8], new[] { TensorDtype.U16, TensorDtype.U32, TensorDtype.U64 }.Select(d => d.ElementSize()));
    }

    [Fact]
    public void Unsigned_dtypes_without_a_torch_type_say_so()
    {
        var error = Assert.Throws<NotSupportedException>(() => TensorDtype.U32.ToScalarType());

        Assert.Contains("U32", error.Message);
    }
}
