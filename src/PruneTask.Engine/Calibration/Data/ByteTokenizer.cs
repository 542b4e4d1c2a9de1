using System.Text;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>The <c>bytes</c> tokenizer: each UTF-8 byte of the text is one token id in 0..255 (for tiny example models).</summary>
public sealed class ByteTokenizer : ITextTokenizer
{
    public string Description => "bytes (UTF-8 bytes as ids 0..255)";

    public IReadOnlyList<int> Encode(string text) => Array.ConvertAll(Encoding.UTF8.GetBytes(text), b => (int)b);
}
