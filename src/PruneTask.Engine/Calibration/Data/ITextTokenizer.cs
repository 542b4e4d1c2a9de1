namespace PruneTask.Engine.Calibration.Data;

/// <summary>Turns text into token ids, adding no special tokens (no BOS or EOS).</summary>
public interface ITextTokenizer
{
    /// <summary>What the tokenizer is, for messages: its kind and the files it was read from.</summary>
    string Description { get; }

    IReadOnlyList<int> Encode(string text);
}
