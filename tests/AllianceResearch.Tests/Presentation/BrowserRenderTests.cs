using System.Diagnostics;
using System.Text;

namespace AllianceResearch.Tests.Presentation;

/// <summary>
/// Every chart kind in headless Chromium: each SVG is loaded as an &lt;img&gt; (which refuses malformed SVG),
/// the page reports which images decoded, and a screenshot must show ink inside every chart's area.
/// Chromium is installed when missing and running as root (CI); elsewhere the test is skipped, saying why.
/// </summary>
public class BrowserRenderTests
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public void EveryChartDecodesAndDrawsInChromium()
    {
        EnsureChromium();
        var charts = ChartSamples.All().Select(c => (c.Name, Svg: c.Chart.ToSvg())).ToList();
        const int columns = 2, cellW = 760;
        var sizes = charts.Select(c => Size(c.Svg)).ToList();
        var rowH = new List<int>();
        for (var i = 0; i < charts.Count; i += columns) rowH.Add(sizes.Skip(i).Take(columns).Max(s => s.H) + 20);
        var totalH = rowH.Sum();

        var html = new StringBuilder("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>body{margin:0;background:#fff}img{position:absolute}</style></head><body>\n");
        var boxes = new List<(string Name, int X, int Y, int W, int H)>();
        var y = 0;
        for (var i = 0; i < charts.Count; i++)
        {
            var (w, h) = sizes[i];
            var x = i % columns * cellW;
            if (i > 0 && i % columns == 0) y += rowH[i / columns - 1];
            boxes.Add((charts[i].Name, x, y, w, h));
            html.Append($"<img alt=\"\" id=\"{charts[i].Name}\" style=\"left:{x}px;top:{y}px\" width=\"{w}\" height=\"{h}\" src=\"data:image/svg+xml;base64,{Convert.ToBase64String(Encoding.UTF8.GetBytes(charts[i].Svg))}\">\n");
        }
        // After load, record which images decoded (naturalWidth is 0 for an SVG the browser could not parse).
        html.Append("<pre id=\"report\"></pre><script>window.addEventListener('load',()=>{document.getElementById('report').textContent=" +
                    "[...document.images].map(i=>i.id+':'+(i.complete&&i.naturalWidth>0?'ok':'broken')).join(' ');});</script></body></html>");

        var dir = Directory.CreateTempSubdirectory("ar-browser-");
        try
        {
            var page = Path.Combine(dir.FullName, "gallery.html");
            File.WriteAllText(page, html.ToString());
            var dom = Run($"--dump-dom --virtual-time-budget=5000 file://{page}", dir.FullName);
            var report = System.Text.RegularExpressions.Regex.Match(dom, "<pre id=\"report\">([^<]*)</pre>").Groups[1].Value;
            foreach (var c in charts) Assert.Contains($"{c.Name}:ok", report);

            var png = Path.Combine(dir.FullName, "shot.png");
            Run($"--screenshot={png} --window-size={columns * cellW},{totalH} --virtual-time-budget=5000 file://{page}", dir.FullName);
            Assert.True(File.Exists(png), "Chromium wrote no screenshot.");
            var (pw, ph, rgba) = PngDecoder.Decode(File.ReadAllBytes(png));
            foreach (var (name, bx, by, bw, bh) in boxes)
            {
                long ink = 0;
                var colours = new HashSet<int>();
                for (var yy = by; yy < Math.Min(by + bh, ph); yy++)
                {
                    for (var xx = bx; xx < Math.Min(bx + bw, pw); xx++)
                    {
                        var k = (yy * pw + xx) * 4;
                        if (rgba[k] < 225 || rgba[k + 1] < 225 || rgba[k + 2] < 225) ink++;
                        colours.Add(rgba[k] << 16 | rgba[k + 1] << 8 | rgba[k + 2]);
                    }
                }
                var share = ink / (double)(bw * bh);
                Assert.True(share > 0.01, $"{name}: only {share:P2} of its {bw}×{bh} px area has ink in Chromium's rendering.");
                Assert.True(colours.Count > 8, $"{name}: only {colours.Count} distinct colours drawn.");
            }
        }
        finally
        {
            dir.Delete(true);
        }
    }

    private static (int W, int H) Size(string svg)
    {
        var m = System.Text.RegularExpressions.Regex.Match(svg, "width=\"([0-9.]+)\" height=\"([0-9.]+)\"");
        return ((int)Math.Ceiling(double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)),
                (int)Math.Ceiling(double.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)));
    }

    private static string Run(string args, string workDir)
    {
        var psi = new ProcessStartInfo(Chromium,
            $"--headless --no-sandbox --disable-gpu --hide-scrollbars --force-device-scale-factor=1 --no-first-run --user-data-dir={workDir}/profile {args}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = workDir,
        };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(60_000))
        {
            p.Kill(entireProcessTree: true);
            Assert.Fail("Chromium did not finish within 60 s.");
        }
        Assert.True(p.ExitCode == 0, $"Chromium exited with {p.ExitCode}: {stderr.Result}");
        return stdout.Result;
    }

    private static readonly Lazy<string?> InstallProblem = new(TryInstall);

    private static void EnsureChromium()
    {
        if (File.Exists(Chromium)) return;
        var problem = InstallProblem.Value;
        if (problem is not null) Assert.Skip($"Chromium is not installed at {Chromium} and could not be installed here ({problem}). " +
                                             "Install the Debian package 'chromium' (and fonts-noto-cjk) to run the browser check.");
    }

    private static string? TryInstall()
    {
        if (!OperatingSystem.IsLinux()) return "not Linux";
        if (!File.Exists("/usr/bin/apt-get")) return "no apt-get";
        if (Environment.UserName != "root") return "not running as root";
        try
        {
            var psi = new ProcessStartInfo("/bin/sh", "-c \"apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk\"")
            { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            _ = p.StandardOutput.ReadToEndAsync();
            if (!p.WaitForExit(600_000)) { p.Kill(true); return "apt-get timed out after 10 minutes"; }
            return p.ExitCode == 0 && File.Exists(Chromium) ? null : $"apt-get exited with {p.ExitCode}: {err.Result.Trim()}";
        }
        catch (Exception e)
        {
            return e.Message;
        }
    }
}
