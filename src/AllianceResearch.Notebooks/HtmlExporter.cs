using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AllianceResearch.Notebooks.Ipynb;
using Markdig;
using Markdig.Renderers;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace AllianceResearch.Notebooks;

/// <summary>
/// Renders a notebook as one self-contained HTML page: CSS and SVG inline, no scripts, no external
/// resources, a table of contents built from the Markdown headings. The page reads well offline and
/// in a browser that blocks scripts, and two exports of the same notebook are byte-identical.
/// </summary>
public static partial class HtmlExporter
{
    /// <summary>Which representation of an output is shown, most preferred first (Jupyter's order).</summary>
    public static readonly IReadOnlyList<string> MimePriority =
        ["text/html", "image/svg+xml", "image/png", "image/jpeg", "text/markdown", "text/plain"];

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoLinks()
        .UseListExtras()
        .UseTaskLists()
        .UseFootnotes()
        .UseMathematics()
        .Build();

    /// <summary>Writes <paramref name="notebook"/> as <paramref name="directory"/>/NAME.html (atomically) and returns the path.</summary>
    public static string ExportFile(Notebook notebook, string notebookPath, string directory)
    {
        var target = Path.Combine(directory, Path.GetFileNameWithoutExtension(notebookPath) + ".html");
        AtomicFile.WriteAllText(target, ToHtml(notebook, Path.GetFileName(notebookPath)), Notebook.FileEncoding);
        return target;
    }

    /// <summary>The whole HTML page for <paramref name="notebook"/>.</summary>
    public static string ToHtml(Notebook notebook, string fileName)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var toc = new List<(int Level, string Id, string Text)>();
        var body = new StringBuilder();
        string? title = null;
        var svgCount = 0;

        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cell(i);
            var source = Notebook.Source(cell);
            switch (Notebook.CellType(cell))
            {
                case "markdown":
                    body.Append("<section class=\"cell markdown\">\n")
                        .Append(RenderMarkdown(source, ids, toc, ref title))
                        .Append("</section>\n");
                    break;
                case "code":
                    body.Append("<section class=\"cell code\">\n");
                    var count = cell["execution_count"] is JsonValue v && v.TryGetValue<int>(out var n) ? n.ToString(CultureInfo.InvariantCulture) : " ";
                    body.Append("<div class=\"input\"><div class=\"prompt\">[").Append(count).Append("]</div><pre><code class=\"language-csharp\">")
                        .Append(HighlightCSharp(source)).Append("</code></pre></div>\n");
                    if (cell["outputs"] is JsonArray outputs && outputs.Count > 0)
                    {
                        body.Append("<div class=\"outputs\">\n");
                        foreach (var output in outputs.OfType<JsonObject>()) body.Append(RenderOutput(output, ref svgCount));
                        body.Append("</div>\n");
                    }
                    body.Append("</section>\n");
                    break;
                default:
                    body.Append("<section class=\"cell raw\"><pre>").Append(Encode(source)).Append("</pre></section>\n");
                    break;
            }
        }

        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(Encode(title ?? Path.GetFileNameWithoutExtension(fileName))).Append("</title>\n")
            .Append("<style>\n").Append(Css).Append("</style>\n</head>\n<body>\n");
        if (toc.Count > 0)
        {
            page.Append("<nav class=\"toc\">\n<div class=\"toc-title\">Contents</div>\n<ul>\n");
            foreach (var (level, id, text) in toc)
            {
                page.Append("<li class=\"toc-").Append(level.ToString(CultureInfo.InvariantCulture)).Append("\"><a href=\"#")
                    .Append(Encode(id)).Append("\">").Append(Encode(text)).Append("</a></li>\n");
            }
            page.Append("</ul>\n</nav>\n");
        }
        page.Append("<main>\n").Append(body).Append("<footer>Exported from ").Append(Encode(fileName))
            .Append(" by <code>alliance notebooks export</code>.</footer>\n</main>\n</body>\n</html>\n");
        return page.ToString();
    }

    private static string RenderMarkdown(string source, HashSet<string> ids, List<(int, string, string)> toc, ref string? title)
    {
        var document = Markdown.Parse(source, Pipeline);
        foreach (var heading in document.Descendants<HeadingBlock>())
        {
            var text = InlineText(heading.Inline);
            var id = UniqueId(Slug(text), ids);
            heading.GetAttributes().Id = id;
            if (heading.Level <= 3) toc.Add((heading.Level, id, text));
            if (heading.Level == 1) title ??= text;
        }
        using var writer = new StringWriter(CultureInfo.InvariantCulture) { NewLine = "\n" };
        var renderer = new HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return Sanitize(writer.ToString());
    }

    private static string InlineText(ContainerInline? inline)
    {
        if (inline is null) return "";
        var builder = new StringBuilder();
        foreach (var child in inline.Descendants<Inline>())
        {
            switch (child)
            {
                case LiteralInline literal: builder.Append(literal.Content.ToString()); break;
                case CodeInline code: builder.Append(code.Content); break;
            }
        }
        return builder.ToString().Trim();
    }

    private static string Slug(string text)
    {
        var builder = new StringBuilder();
        foreach (var c in text.ToLowerInvariant())
        {
            if (char.IsLetterOrDigit(c)) builder.Append(c);
            else if ((c == ' ' || c == '-' || c == '_') && builder.Length > 0 && builder[^1] != '-') builder.Append('-');
        }
        var slug = builder.ToString().Trim('-');
        return slug.Length == 0 ? "section" : slug;
    }

    private static string UniqueId(string slug, HashSet<string> ids)
    {
        var id = slug;
        for (var n = 2; !ids.Add(id); n++) id = $"{slug}-{n}";
        return id;
    }

    private static string RenderOutput(JsonObject output, ref int svgCount)
    {
        var type = output["output_type"]?.GetValue<string>();
        switch (type)
        {
            case "stream":
                var name = output["name"]?.GetValue<string>() == "stderr" ? "stderr" : "stdout";
                return $"<pre class=\"output stream {name}\">{Encode(Notebook.JoinMultiline(output["text"]))}</pre>\n";
            case "error":
                var traceback = output["traceback"] is JsonArray lines
                    ? string.Join("\n", lines.Select(l => l?.GetValue<string>() ?? ""))
                    : $"{output["ename"]}: {output["evalue"]}";
                return $"<pre class=\"output error\">{Encode(traceback)}</pre>\n";
            case "display_data" or "execute_result":
                if (output["data"] is not JsonObject data) return "";
                var mime = MimePriority.FirstOrDefault(data.ContainsKey);
                if (mime is null) return "";
                var content = Notebook.JoinMultiline(data[mime]);
                return mime switch
                {
                    "text/html" => $"<div class=\"output html\">\n{Sanitize(content)}\n</div>\n",
                    "image/svg+xml" => $"<div class=\"output svg\">\n{PrefixSvgIds(StripXmlProlog(Sanitize(content)), $"svg{++svgCount}-")}\n</div>\n",
                    "image/png" or "image/jpeg" => $"<div class=\"output image\"><img alt=\"figure\" src=\"data:{mime};base64,{content.Trim()}\"></div>\n",
                    "text/markdown" => $"<div class=\"output markdown\">\n{Sanitize(Markdown.ToHtml(content, Pipeline))}</div>\n",
                    _ => $"<pre class=\"output text\">{Encode(content)}</pre>\n",
                };
            default:
                return "";
        }
    }

    /// <summary>Removes scripts, inline event handlers and javascript: links, so the page never runs code.</summary>
    internal static string Sanitize(string html)
    {
        html = ScriptElement().Replace(html, "");
        html = EventHandlerAttribute().Replace(html, "");
        return JavascriptUrl().Replace(html, "$1=\"#\"");
    }

    private static string StripXmlProlog(string svg) => DoctypeOrProlog().Replace(svg, "").Trim();

    /// <summary>Several SVGs on one page share one id namespace; prefix each figure's ids so clip paths and gradients never collide.</summary>
    private static string PrefixSvgIds(string svg, string prefix)
    {
        var ids = SvgId().Matches(svg).Select(m => m.Groups[1].Value).Distinct().ToList();
        foreach (var id in ids)
        {
            var escaped = Regex.Escape(id);
            svg = Regex.Replace(svg, $"\\bid=\"{escaped}\"", $"id=\"{prefix}{id}\"");
            svg = Regex.Replace(svg, $"url\\(#{escaped}\\)", $"url(#{prefix}{id})");
            svg = Regex.Replace(svg, $"href=\"#{escaped}\"", $"href=\"#{prefix}{id}\"");
        }
        return svg;
    }

    /// <summary>C# source as HTML with keywords, strings, numbers and comments marked for the stylesheet.</summary>
    internal static string HighlightCSharp(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.None, SourceCodeKind.Script));
        var builder = new StringBuilder();
        foreach (var token in tree.GetRoot().DescendantTokens())
        {
            AppendTrivia(builder, token.LeadingTrivia);
            var kind = token.Kind();
            var css = SyntaxFacts.IsKeywordKind(kind) || kind == SyntaxKind.IdentifierToken && token.Text is "var" or "await" or "async" or "record" or "nameof"
                ? "kw"
                : kind is SyntaxKind.StringLiteralToken or SyntaxKind.CharacterLiteralToken or SyntaxKind.InterpolatedStringStartToken
                    or SyntaxKind.InterpolatedStringEndToken or SyntaxKind.InterpolatedStringTextToken or SyntaxKind.InterpolatedRawStringEndToken
                    or SyntaxKind.InterpolatedSingleLineRawStringStartToken or SyntaxKind.InterpolatedMultiLineRawStringStartToken
                    or SyntaxKind.SingleLineRawStringLiteralToken or SyntaxKind.MultiLineRawStringLiteralToken or SyntaxKind.Utf8StringLiteralToken
                    ? "str"
                    : kind == SyntaxKind.NumericLiteralToken ? "num" : null;
            if (css is null) builder.Append(Encode(token.Text));
            else builder.Append("<span class=\"").Append(css).Append("\">").Append(Encode(token.Text)).Append("</span>");
            AppendTrivia(builder, token.TrailingTrivia);
        }
        return builder.ToString();
    }

    private static void AppendTrivia(StringBuilder builder, SyntaxTriviaList trivia)
    {
        foreach (var item in trivia)
        {
            var text = Encode(item.ToFullString());
            if (item.HasStructure)
            {
                // A directive such as #r "../artifacts/lib/AllianceResearch.dll".
                builder.Append("<span class=\"kw\">").Append(text.TrimEnd('\n')).Append("</span>");
                if (text.EndsWith('\n')) builder.Append('\n');
            }
            else if (item.IsKind(SyntaxKind.SingleLineCommentTrivia) || item.IsKind(SyntaxKind.MultiLineCommentTrivia))
            {
                builder.Append("<span class=\"com\">").Append(text).Append("</span>");
            }
            else
            {
                builder.Append(text);
            }
        }
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);

    [GeneratedRegex("<script\\b[^>]*>[\\s\\S]*?</script\\s*>|<script\\b[^>]*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptElement();

    [GeneratedRegex("\\s+on[a-z]+\\s*=\\s*(\"[^\"]*\"|'[^']*'|[^\\s>]+)", RegexOptions.IgnoreCase)]
    private static partial Regex EventHandlerAttribute();

    [GeneratedRegex("\\b(href|src|xlink:href)\\s*=\\s*\"\\s*javascript:[^\"]*\"", RegexOptions.IgnoreCase)]
    private static partial Regex JavascriptUrl();

    [GeneratedRegex("<\\?xml[^>]*\\?>|<!DOCTYPE[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex DoctypeOrProlog();

    [GeneratedRegex("\\bid=\"([^\"]+)\"")]
    private static partial Regex SvgId();

    private const string Css = """
        :root { --ink: #1f2328; --muted: #59636e; --rule: #d1d9e0; --code-bg: #f6f8fa; --accent: #0b5cad; }
        * { box-sizing: border-box; }
        body { margin: 0; color: var(--ink); font: 16px/1.55 -apple-system, "Segoe UI", "Noto Sans", "PingFang SC", "Microsoft YaHei", sans-serif; display: flex; }
        nav.toc { position: sticky; top: 0; align-self: flex-start; width: 17rem; max-height: 100vh; overflow-y: auto; padding: 1.5rem 1rem; border-right: 1px solid var(--rule); font-size: 0.9rem; }
        nav.toc .toc-title { font-weight: 600; margin-bottom: 0.5rem; }
        nav.toc ul { list-style: none; margin: 0; padding: 0; }
        nav.toc li { margin: 0.2rem 0; }
        nav.toc li.toc-2 { padding-left: 0.9rem; }
        nav.toc li.toc-3 { padding-left: 1.8rem; font-size: 0.85rem; }
        nav.toc a { color: var(--accent); text-decoration: none; }
        main { flex: 1; min-width: 0; max-width: 60rem; padding: 1.5rem 2rem 4rem; }
        .cell { margin: 0.9rem 0; }
        .cell.markdown h1, .cell.markdown h2, .cell.markdown h3 { line-height: 1.25; }
        .input { display: flex; gap: 0.5rem; }
        .prompt { color: var(--muted); font: 0.8rem/1.9 ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; min-width: 2.6rem; text-align: right; }
        pre { margin: 0; overflow-x: auto; font: 0.85rem/1.45 ui-monospace, SFMono-Regular, Menlo, Consolas, "Noto Sans Mono CJK SC", monospace; }
        .input pre { flex: 1; background: var(--code-bg); border: 1px solid var(--rule); border-radius: 6px; padding: 0.6rem 0.8rem; }
        .outputs { margin: 0.4rem 0 0 3.1rem; }
        .output { margin: 0.3rem 0; overflow-x: auto; }
        .output.stream, .output.text { padding: 0.2rem 0; }
        .output.stderr { color: #9a3412; }
        .output.error { color: #b91c1c; background: #fef2f2; border-left: 3px solid #b91c1c; padding: 0.5rem 0.8rem; white-space: pre-wrap; }
        .output svg { max-width: 100%; height: auto; }
        table { border-collapse: collapse; font-size: 0.9rem; margin: 0.4rem 0; }
        th, td { border: 1px solid var(--rule); padding: 0.25rem 0.6rem; vertical-align: top; }
        th { background: var(--code-bg); text-align: left; }
        code { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 0.9em; }
        .kw { color: #cf222e; } .str { color: #0a3069; } .num { color: #0550ae; } .com { color: #6e7781; font-style: italic; }
        footer { margin-top: 3rem; color: var(--muted); font-size: 0.8rem; border-top: 1px solid var(--rule); padding-top: 0.6rem; }
        @media (max-width: 50rem) { body { display: block; } nav.toc { position: static; width: auto; max-height: none; border-right: 0; border-bottom: 1px solid var(--rule); } }

        """;
}
