using TorchSharp;

namespace PruneTask.Engine.IO;

/// <summary>Sizes, header names and torch element types of <see cref="TensorDtype"/>.</summary>
public static class TensorDtypes
{
    private static readonly Dictionary<string, TensorDtype> ByName =
        Enum.GetValues<TensorDtype>().ToDictionary(dtype => dtype.ToString(), StringComparer.Ordinal);

    /// <summary>Parses a header dtype name exactly as the format spells it ("F32", "BF16", ...).</summary>
    public static bool TryParse(string name, out TensorDtype dtype) => ByName.TryGetValue(name, out dtype);

    public static int ElementSize(this TensorDtype dtype) => dtype switch
    {
        TensorDtype.BOOL or TensorDtype.U8 or TensorDtype.I8 => 1,
        TensorDtype.I16 or TensorDtype.U16 or TensorDtype.F16 or TensorDtype.BF16 => 2,
        TensorDtype.I32 or TensorDtype.U32 or TensorDtype.F32 => 4,
        TensorDtype.I64 or TensorDtype.U64 or TensorDtype.F64 => 8,
        _ => throw new ArgumentOutOfRangeException(nameof(dtype), dtype, "unknown dtype"),
    };

    /// <summary>The torch element type that holds this dtype unchanged.</summary>
    /// <exception cref="NotSupportedException">U16, U32 and U64, which TorchSharp has no element type for.</exception>
    public static torch.ScalarType ToScalarType(this TensorDtype dtype) => dtype switch
    {
        TensorDtype.BOOL => torch.ScalarType.Bool,
        TensorDtype.U8 => torch.ScalarType.Byte,
        TensorDtype.I8 => torch.ScalarType.Int8,
        TensorDtype.I16 => torch.ScalarType.Int16,
        TensorDtype.I32 => torch.ScalarType.Int32,
        TensorDtype.I64 => torch.ScalarType.Int64,
        TensorDtype.F16 => torch.ScalarType.Float16,
        TensorDtype.BF16 => torch.ScalarType.BFloat16,
        TensorDtype.F32 => torch.ScalarType.Float32,
        TensorDtype.F64 => torch.ScalarType.Float64,
        _ => throw new NotSupportedException(
            $"dtype {dtype} has no TorchSharp element type; its raw bytes can still be read and copied"),
    };

    /// <exception cref="NotSupportedException">Element types the safetensors format cannot store (complex, quantized).</exception>
    public static TensorDtype FromScalarType(torch.ScalarType scalarType) => scalarType switch
    {
        torch.ScalarType.Bool => TensorDtype.BOOL,
        torch.ScalarType.Byte => TensorDtype.U8,
        torch.ScalarType.Int8 => TensorDtype.I8,
        torch.ScalarType.Int16 => TensorDtype.I16,
        torch.ScalarType.Int32 => TensorDtype.I32,
        torch.ScalarType.Int64 => TensorDtype.I64,
        torch.ScalarType.Float16 => TensorDtype.F16,
        torch.ScalarType.BFloat16 => TensorDtype.BF16,
        torch.ScalarType.Float32 => TensorDtype.F32,
        torch.ScalarType.Float64 => TensorDtype.F64,
        _ => throw new NotSupportedException($"torch element type {scalarType} cannot be stored in safetensors"),
    };
}
