namespace AllianceResearch.Presentation;

/// <summary>A value that renders itself as an HTML fragment (a notebook's text/html output).</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["text/html"])]
public interface IHtmlRenderable
{
    /// <summary>A self-contained HTML fragment: no scripts, no external resources.</summary>
    string ToHtml();
}

/// <summary>A value that renders itself as a standalone SVG document (a notebook's image/svg+xml output).</summary>
[TypeFormatterSource(typeof(LibraryFormatterSource), PreferredMimeTypes = ["image/svg+xml"])]
public interface ISvgRenderable
{
    /// <summary>A complete, deterministic SVG document.</summary>
    string ToSvg();
}

/// <summary>
/// The formatter source every library type points at. It follows the convention documented by
/// .NET Interactive: <c>CreateTypeFormatters()</c> yields objects with <c>MimeType</c> and
/// <c>Format(object, TextWriter)</c>; a formatter returns false for values it does not render.
/// </summary>
public sealed class LibraryFormatterSource
{
    /// <summary>The formatters for SVG, HTML and plain text, in order of preference.</summary>
    public IEnumerable<object> CreateTypeFormatters()
    {
        yield return new SvgFormatter();
        yield return new HtmlFormatter();
        yield return new PlainTextFormatter();
    }

    /// <summary>Writes <see cref="ISvgRenderable.ToSvg"/>.</summary>
    public sealed class SvgFormatter
    {
        /// <summary>The MIME type this formatter produces.</summary>
        public string MimeType => "image/svg+xml";

        /// <summary>The type this formatter handles (read by hosts that register formatters per type).</summary>
        public Type Type => typeof(ISvgRenderable);

        /// <summary>Renders <paramref name="instance"/> if it is SVG-renderable.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not ISvgRenderable svg) return false;
            writer.Write(svg.ToSvg());
            return true;
        }
    }

    /// <summary>Writes <see cref="IHtmlRenderable.ToHtml"/>.</summary>
    public sealed class HtmlFormatter
    {
        /// <summary>The MIME type this formatter produces.</summary>
        public string MimeType => "text/html";

        /// <summary>The type this formatter handles (read by hosts that register formatters per type).</summary>
        public Type Type => typeof(IHtmlRenderable);

        /// <summary>Renders <paramref name="instance"/> if it is HTML-renderable.</summary>
        public bool Format(object instance, TextWriter writer)
        {
            if (instance is not IHtmlRenderable html) return false;
            writer.Write(html.ToHtml());
            return true;
        }
    }

    /// <summary>Writes <see cref="object.ToString"/>, so hosts always have a text/plain fallback.</summary>
    public sealed class PlainTextFormatter
    {
        /// <summary>The MIME type this formatter produces.</summary>
        public string MimeType => "text/plain";

        /// <summary>The type this formatter handles.</summary>
        public Type Type => typeof(object);

        /// <summary>Renders any value with its ToString().</summary>
        public bool Format(object instance, TextWriter writer)
        {
            writer.Write(instance.ToString());
            return true;
        }
    }
}
