using System.Text.RegularExpressions;
using Microsoft.ML.Tokenizers;

namespace PruneTask.Engine.Calibration.Data;

/// <summary>Builds a byte-level BPE tokenizer (GPT-2, OPT, Llama 3, Qwen 2 style) from a vocabulary, merges and a split regex.</summary>
internal static class ByteLevelBpe
{
    /// <summary>GPT-2's pre-tokenization pattern, used when the tokenizer files name no other.</summary>
    public const string Gpt2Pattern = @"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+";

    public static Tokenizer Create(string path, IEnumerable<KeyValuePair<string, int>> vocabulary, IEnumerable<string> merges, string pattern)
    {
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.Compiled);
        }
        catch (ArgumentException e)
        {
            throw new CalibrationDataException(path, $"its pre-tokenizer pattern is not a .NET regular expression ({e.Message}).", e);
        }

        return BpeTokenizer.Create(new BpeOptions(vocabulary)
        {
            Merges = merges,
            ByteLevel = true,
            PreTokenizer = new RegexPreTokenizer(regex, specialTokens: null),
        });
    }
}
