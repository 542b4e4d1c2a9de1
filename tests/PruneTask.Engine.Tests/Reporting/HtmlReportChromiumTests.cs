using System.Diagnostics;
using PruneTask.Engine.Reporting;
using PruneTask.Engine.Tests.Stages;
using PruneTask.Tests.Common;
using StbImageSharp;

namespace PruneTask.Engine.Tests.Reporting;

/// <summary>
/// Opens the report.html of an OWL run in headless Chromium (Debian's chromium, installed by scripts/test-tool.sh
/// when missing) and counts the bars in the screenshot: one per layer, one per block.
/// </summary>
public sealed class HtmlReportChromiumTests : IDisposable
{
    private readonly PipelineWorkspace _workspace = new();

    [Fact]
    public void The_screenshot_of_report_html_shows_one_bar_per_layer_and_per_block()
    {
        var result = _workspace.Run(_workspace.Recipe("""
            defaults:
              method: wanda
              sparsity: 0.6
            allocation:
              strategy: owl
              lambda: 0.08
            """));
        var screenshot = Screenshot(Path.Combine(_workspace.Output, HtmlReport.FileName), Path.Combine(_workspace.Root, "report.png"));

        var image = ImageResult.FromMemory(File.ReadAllBytes(screenshot), ColorComponents.RedGreenBlue);
        Assert.Equal(result.Report.Layers.Count, BarsOfColour(image, HtmlReport.SparsityColour));
        Assert.Equal(result.Report.Layers.Count, BarsOfColour(image, HtmlReport.ErrorColour));
        Assert.Equal(result.Report.Blocks.Count, BarsOfColour(image, HtmlReport.OutlierColour));
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The most separate runs of <paramref name="hex"/> pixels along any one row: bars side by side.</summary>
    private static int BarsOfColour(ImageResult image, string hex)
    {
        var colour = Convert.FromHexString(hex[1..]);
        var most = 0;
        for (var y = 0; y < image.Height; y++)
        {
            var runs = 0;
            var inside = false;
            for (var x = 0; x < image.Width; x++)
            {
                var i = ((y * image.Width) + x) * 3;
                var match = Math.Abs(image.Data[i] - colour[0]) <= 8 && Math.Abs(image.Data[i + 1] - colour[1]) <= 8 && Math.Abs(image.Data[i + 2] - colour[2]) <= 8;
                runs += match && !inside ? 1 : 0;
                inside = match;
            }

            most = Math.Max(most, runs);
        }

        return most;
    }

    private string Screenshot(string html, string png)
    {
        var chromium = Chromium();
        var start = new ProcessStartInfo(chromium) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--force-device-scale-factor=1", "--window-size=1000,1400",
            $"--user-data-dir={Path.Combine(_workspace.Root, "chromium-profile")}", $"--screenshot={png}", new Uri(html).AbsoluteUri,
        })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        _ = process.StandardOutput.ReadToEndAsync();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "chromium did not finish within 2 minutes");
        Assert.True(File.Exists(png), $"chromium wrote no screenshot (exit {process.ExitCode}): {error.Result}");
        return png;
    }

    /// <summary>chromium on PATH, after running scripts/test-tool.sh chromium (which installs it with apt when missing).</summary>
    private static string Chromium()
    {
        var setup = Process.Start(new ProcessStartInfo(Path.Combine(RepositoryPaths.Root, "scripts", "test-tool.sh"), "chromium") { RedirectStandardError = true })!;
        var message = setup.StandardError.ReadToEnd();
        setup.WaitForExit();
        Assert.True(setup.ExitCode == 0, $"scripts/test-tool.sh chromium failed: {message}");
        return (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .SelectMany(dir => new[] { Path.Combine(dir, "chromium"), Path.Combine(dir, "chromium-browser") })
            .First(File.Exists);
    }
}
