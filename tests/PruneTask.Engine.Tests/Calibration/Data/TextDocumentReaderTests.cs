using System.Text;
using PruneTask.Engine.Calibration.Data;

namespace PruneTask.Engine.Tests.Calibration.Data;

public class TextDocumentReaderTests
{
    private static IReadOnlyList<string> Read(string path, string content, string field = "text") =>
        TextDocumentReader.Read(path, Encoding.UTF8.GetBytes(content), field);

    [Fact]
    public void A_txt_file_is_one_document_without_its_byte_order_mark()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("line one\nline two\n")).ToArray();

        Assert.Equal(["line one\nline two\n"], TextDocumentReader.Read("c.txt", bytes, "text"));
    }

    [Fact]
    public void A_jsonl_file_has_one_document_per_non_blank_line()
    {
        var documents = Read("c.jsonl", "{\"text\": \"first\", \"id\": 1}\r\n\n{\"text\": \"sec\\nond\"}\n");

        Assert.Equal(["first", "sec\nond"], documents);
    }

    [Fact]
    public void The_jsonl_text_field_is_configurable()
    {
        Assert.Equal(["body"], Read("c.jsonl", "{\"content\": \"body\"}", field: "content"));
    }

    [Theory]
    [InlineData("{\"text\": \"ok\"}\n{\"text\": \"broken}\n", "line 2 is not valid JSON")]
    [InlineData("{\"text\": \"ok\"}\n\n[1, 2]\n", "line 3 is not a JSON object")]
    [InlineData("{\"body\": \"no text\"}\n", "line 1 has no string field \"text\"")]
    [InlineData("{\"text\": 5}\n", "line 1 has no string field \"text\"")]
    [InlineData("\n\n", "holds no JSON lines")]
    public void Malformed_jsonl_names_the_line(string content, string message)
    {
        var error = Assert.Throws<CalibrationDataException>(() => Read("data/c.jsonl", content));

        Assert.Contains(message, error.Message);
        Assert.Equal("data/c.jsonl", error.FilePath);
    }

    [Fact]
    public void Invalid_utf8_is_an_error()
    {
        var error = Assert.Throws<CalibrationDataException>(() => TextDocumentReader.Read("c.txt", [0x61, 0xff, 0x62], "text"));

        Assert.Contains("not valid UTF-8", error.Message);
    }
}
