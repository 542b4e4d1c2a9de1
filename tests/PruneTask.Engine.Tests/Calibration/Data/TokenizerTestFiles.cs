using System.Text.Json;
using Google.Protobuf;

namespace PruneTask.Engine.Tests.Calibration.Data;

/// <summary>Tiny tokenizer files in the formats models ship, written by the tests themselves.</summary>
internal static class TokenizerTestFiles
{
    /// <summary>Llama 3's pre-tokenization pattern (digits split in groups of at most three).</summary>
    public const string Llama3Pattern = @"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+";

    /// <summary>A byte-level vocabulary: byte b has id b (as GPT-2's byte-to-unicode character), then one id per merge.</summary>
    public static Dictionary<string, int> ByteLevelVocabulary(IEnumerable<string> merges)
    {
        var table = ByteToUnicode();
        var vocabulary = Enumerable.Range(0, 256).ToDictionary(b => table[b].ToString(), b => b);
        foreach (var merge in merges)
        {
            vocabulary[merge.Replace(" ", string.Empty, StringComparison.Ordinal)] = vocabulary.Count;
        }

        return vocabulary;
    }

    public static void WriteVocabAndMerges(string folder, string[] merges)
    {
        File.WriteAllText(Path.Combine(folder, "vocab.json"), JsonSerializer.Serialize(ByteLevelVocabulary(merges)));
        File.WriteAllText(Path.Combine(folder, "merges.txt"), "#version: 0.2\n" + string.Join('\n', merges) + "\n");
    }

    public static void WriteTokenizerJson(string folder, string[] merges, string? splitPattern)
    {
        object byteLevel = new { type = "ByteLevel", add_prefix_space = false, trim_offsets = true, use_regex = splitPattern is null };
        object preTokenizer = splitPattern is null
            ? byteLevel
            : new
            {
                type = "Sequence",
                pretokenizers = new object[]
                {
                    new { type = "Split", pattern = new { Regex = splitPattern }, behavior = "Isolated", invert = false },
                    byteLevel,
                },
            };
        var json = new
        {
            version = "1.0",
            pre_tokenizer = preTokenizer,
            model = new
            {
                type = "BPE",
                vocab = ByteLevelVocabulary(merges),
                merges = merges.Select(m => m.Split(' ')).ToArray(),
            },
        };
        File.WriteAllText(Path.Combine(folder, "tokenizer.json"), JsonSerializer.Serialize(json));
    }

    /// <summary>
    /// A SentencePiece BPE model (ModelProto: pieces = field 1, trainer_spec.model_type = field 2.3, normalizer_spec.name
    /// = field 3.1) with ids 0 &lt;unk&gt;, 1 &lt;s&gt;, 2 &lt;/s&gt;, then <paramref name="pieces"/> scored in decreasing order.
    /// </summary>
    public static void WriteSentencePieceModel(string folder, string[] pieces)
    {
        using var file = File.Create(Path.Combine(folder, "tokenizer.model"));
        var output = new CodedOutputStream(file);
        WritePiece(output, "<unk>", 0, type: 2);
        WritePiece(output, "<s>", 0, type: 3);
        WritePiece(output, "</s>", 0, type: 3);
        for (var i = 0; i < pieces.Length; i++)
        {
            WritePiece(output, pieces[i], -(i + 1), type: 1);
        }

        WriteMessage(output, 2, inner => inner.WriteInt32Field(3, 2));
        WriteMessage(output, 3, inner => inner.WriteStringField(1, "identity"));
        output.Flush();
    }

    private static void WritePiece(CodedOutputStream output, string piece, float score, int type) =>
        WriteMessage(output, 1, inner =>
        {
            inner.WriteStringField(1, piece);
            inner.WriteTag(2, WireFormat.WireType.Fixed32);
            inner.WriteFloat(score);
            inner.WriteInt32Field(3, type);
        });

    private static void WriteMessage(CodedOutputStream output, int field, Action<CodedOutputStream> write)
    {
        using var buffer = new MemoryStream();
        var inner = new CodedOutputStream(buffer);
        write(inner);
        inner.Flush();
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(buffer.ToArray()));
    }

    private static void WriteStringField(this CodedOutputStream output, int field, string value)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteString(value);
    }

    private static void WriteInt32Field(this CodedOutputStream output, int field, int value)
    {
        output.WriteTag(field, WireFormat.WireType.Varint);
        output.WriteInt32(value);
    }

    /// <summary>GPT-2's bytes_to_unicode: printable bytes stand for themselves, the others map to 256 + n in byte order.</summary>
    private static char[] ByteToUnicode()
    {
        var bytes = Enumerable.Range('!', '~' - '!' + 1).Concat(Enumerable.Range(0xA1, 12)).Concat(Enumerable.Range(0xAE, 0x100 - 0xAE)).ToList();
        var chars = new List<int>(bytes);
        var extra = 0;
        for (var b = 0; b < 256; b++)
        {
            if (!bytes.Contains(b))
            {
                bytes.Add(b);
                chars.Add(256 + extra++);
            }
        }

        var table = new char[256];
        for (var i = 0; i < bytes.Count; i++)
        {
            table[bytes[i]] = (char)chars[i];
        }

        return table;
    }
}
