using AllianceResearch.Presentation;

namespace AllianceResearch.Tests;

/// <summary>The formatter source follows .NET Interactive's convention, which hosts find by reflection.</summary>
public class FormattingConventionTests
{
    private sealed record Sample(string Html) : IHtmlRenderable
    {
        public string ToHtml() => Html;
    }

    [Fact]
    public void HtmlFormatterRendersRenderablesAndDeclinesOthers()
    {
        var formatters = new LibraryFormatterSource().CreateTypeFormatters().ToList();
        var html = formatters.Single(f => (string)f.GetType().GetProperty("MimeType")!.GetValue(f)! == "text/html");
        var format = html.GetType().GetMethod("Format", [typeof(object), typeof(TextWriter)])!;

        var writer = new StringWriter();
        Assert.True((bool)format.Invoke(html, [new Sample("<b>x</b>"), writer])!);
        Assert.Equal("<b>x</b>", writer.ToString());
        Assert.False((bool)format.Invoke(html, [42, new StringWriter()])!);
    }
}
