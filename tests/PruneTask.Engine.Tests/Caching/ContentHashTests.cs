using System.Text;
using PruneTask.Engine.Caching;

namespace PruneTask.Engine.Tests.Caching;

public class ContentHashTests
{
    private const string AbcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    [Fact]
    public void Hashes_bytes_as_lowercase_hex_sha256()
    {
        Assert.Equal(AbcSha256, ContentHash.Of(Encoding.ASCII.GetBytes("abc")));
    }

    [Fact]
    public void Hashes_a_file()
    {
        using var temp = new TempFolder();
        var path = temp.Combine("data.bin");
        File.WriteAllBytes(path, Encoding.ASCII.GetBytes("abc"));

        Assert.Equal(AbcSha256, ContentHash.OfFile(path));
    }

    [Theory]
    [InlineData(AbcSha256, true)]
    [InlineData("BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD", false)]
    [InlineData("ba7816bf", false)]
    [InlineData(null, false)]
    public void Recognises_valid_hashes(string? hash, bool valid)
    {
        Assert.Equal(valid, ContentHash.IsValid(hash));
    }
}
