using TorchSharp;

namespace PruneTask.Engine.IO;

public static class TensorSourceExtensions
{
    /// <summary>Loads a tensor as float32 whatever its stored dtype: models compute in float32. The caller owns the result.</summary>
    public static torch.Tensor LoadFloat32(this ITensorSource source, string name)
    {
        var stored = source.Load(name);
        if (stored.dtype == torch.float32)
            return stored;
        using (stored)
            return stored.to_type(torch.float32);
    }

    /// <summary>
    /// A read-only stream over one tensor's stored bytes: straight from the file when the source can
    /// (<see cref="IRawTensorSource"/>, which also covers dtypes torch cannot hold), otherwise from the loaded tensor.
    /// </summary>
    public static Stream OpenRawBytes(this ITensorSource source, string name)
    {
        if (source is IRawTensorSource raw)
            return raw.OpenRawBytes(name);
        using var tensor = source.Load(name);
        return TensorByteStream.Of(tensor);
    }
}
