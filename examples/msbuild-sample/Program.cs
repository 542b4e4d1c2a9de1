using System.Text.Json;

// The build pruned the model and copied it here (CopyToOutputDirectory + TargetPath on the PruneRecipe item).
var folder = Path.Combine(AppContext.BaseDirectory, "models", "tiny-llama-pruned");
if (!Directory.Exists(folder))
{
    Console.Error.WriteLine($"No pruned model at {folder}: build the project first (see README.md).");
    return 1;
}

Console.WriteLine($"Pruned model in {folder}:");
foreach (var file in Directory.GetFiles(folder).Order())
{
    Console.WriteLine($"  {Path.GetFileName(file),-24} {new FileInfo(file).Length,12:N0} bytes");
}

var report = Path.Combine(folder, "report.json");
if (File.Exists(report))
{
    using var document = JsonDocument.Parse(File.ReadAllText(report));
    Console.WriteLine("Report:");
    foreach (var property in document.RootElement.EnumerateObject().Where(p => p.Value.ValueKind is not (JsonValueKind.Object or JsonValueKind.Array)))
    {
        Console.WriteLine($"  {property.Name}: {property.Value}");
    }
}

return 0;
