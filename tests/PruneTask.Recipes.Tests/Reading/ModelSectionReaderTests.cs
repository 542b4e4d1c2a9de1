using PruneTask.Recipes.Tests.Support;

namespace PruneTask.Recipes.Tests.Reading;

public sealed class ModelSectionReaderTests : IDisposable
{
    private const string Fingerprint = "sha256:00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff";

    private readonly RecipeFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_fingerprint_is_kept_with_its_position()
    {
        var model = _folder.Load($"version: 1\nmodel:\n  path: model\n  fingerprint: {Fingerprint}\n").Recipe!.Model;

        Assert.Equal(Fingerprint, model.Fingerprint!.Value);
        Assert.Equal((4, 16), (model.Fingerprint.Position.Line, model.Fingerprint.Position.Column));
    }

    [Theory]
    [InlineData("sha256:ABC")]
    [InlineData("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff")]
    public void A_malformed_fingerprint_is_reported(string fingerprint) =>
        DiagnosticAssert.Errors(_folder.Load($"version: 1\nmodel:\n  path: model\n  fingerprint: {fingerprint}\n").Diagnostics, "PRN015@4:16");

    [Fact]
    public void A_model_that_is_not_a_mapping_is_a_type_error() =>
        DiagnosticAssert.Errors(_folder.Load("version: 1\nmodel: models/x\n").Diagnostics, "PRN012@2:8");
}
