namespace PruneTask.Engine.IO;

/// <summary>Element types of the safetensors format, named as in its header.</summary>
public enum TensorDtype
{
    BOOL,
    U8,
    I8,
    I16,
    U16,
    F16,
    BF16,
    I32,
    U32,
    F32,
    F64,
    I64,
    U64,
}
