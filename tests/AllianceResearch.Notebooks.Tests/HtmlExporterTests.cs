using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using static AllianceResearch.Notebooks.Tests.EngineFixture;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>The HTML page: self-contained, script-free, with contents from headings and coloured C#.</summary>
public sealed class HtmlExporterTests
{
    private static Notebook Sample()
    {
        var code = Code("// total\nvar n = 1 + 2;\nn");
        code["execution_count"] = 1;
        code["outputs"] = new JsonArray(
            new JsonObject { ["name"] = "stderr", ["output_type"] = "stream", ["text"] = "warn <x>\n" },
            new JsonObject
            {
                ["data"] = new JsonObject { ["text/html"] = "<table onmouseover=\"x()\"><tr><td><a href=\"javascript:evil()\">3</a></td></tr></table>", ["text/plain"] = "3" },
                ["execution_count"] = 1,
                ["metadata"] = new JsonObject(),
                ["output_type"] = "execute_result",
            },
            new JsonObject { ["ename"] = "E", ["evalue"] = "v", ["output_type"] = "error", ["traceback"] = new JsonArray("E: v", "   at cell 2, line 1") });
        return Build(Markdown("# Title\n\n## Part one\n\n## Part one\n\nText with **bold**."), code);
    }

    [Fact]
    public void PageHasContentsUniqueAnchorsAndNoScript()
    {
        var html = HtmlExporter.ToHtml(Sample(), "sample.ipynb");
        Assert.StartsWith("<!DOCTYPE html>\n", html);
        Assert.Contains("<title>Title</title>", html);
        Assert.Contains("<li class=\"toc-2\"><a href=\"#part-one\">Part one</a></li>", html);
        Assert.Contains("<li class=\"toc-2\"><a href=\"#part-one-2\">Part one</a></li>", html);
        Assert.Contains("<h2 id=\"part-one-2\">Part one</h2>", html);
        Assert.Contains("<table><tr><td><a href=\"#\">3</a></td></tr></table>", html);
        Assert.Contains("<pre class=\"output stream stderr\">warn &lt;x&gt;\n</pre>", html);
        Assert.Contains("<pre class=\"output error\">E: v\n   at cell 2, line 1</pre>", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("onmouseover", html);
        Assert.Equal(html, HtmlExporter.ToHtml(Sample(), "sample.ipynb"));
    }

    [Fact]
    public void CodeIsHtmlEscapedAndColoured() =>
        Assert.Equal(
            "<span class=\"com\">// total</span>\n<span class=\"kw\">var</span> n = <span class=\"num\">1</span> + <span class=\"num\">2</span>;\nn &lt; <span class=\"str\">&quot;a&quot;</span>.Length",
            HtmlExporter.HighlightCSharp("// total\nvar n = 1 + 2;\nn < \"a\".Length"));
}
