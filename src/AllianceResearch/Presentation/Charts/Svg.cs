using System.Globalization;
using System.Text;

namespace AllianceResearch.Presentation.Charts;

/// <summary>
/// Minimal SVG text builder. Every number goes through <see cref="Num"/> (invariant culture, at most two
/// decimals) and every text through <see cref="Escape"/>, so the same figure always yields the same bytes.
/// </summary>
internal sealed class SvgWriter
{
    /// <summary>Placeholder replaced by a content hash, so ids are stable yet unique across figures on one page.</summary>
    public const string IdToken = "\u00A7id\u00A7";

    private readonly StringBuilder _sb = new();
    private int _depth;

    public static string Num(double v)
    {
        if (double.IsNaN(v) || double.IsInfinity(v)) throw new ArgumentException($"Cannot write a non-finite coordinate ({v}) to SVG.");
        var r = Math.Round(v, 2, MidpointRounding.AwayFromZero);
        if (r == 0) r = 0; // no "-0"
        return r.ToString("0.##", CultureInfo.InvariantCulture);
    }

    public static string Escape(string s)
    {
        var sb = new StringBuilder(s.Length);
        foreach (var c in s)
        {
            switch (c)
            {
                case '&': sb.Append("&amp;"); break;
                case '<': sb.Append("&lt;"); break;
                case '>': sb.Append("&gt;"); break;
                case '"': sb.Append("&quot;"); break;
                case '\'': sb.Append("&#39;"); break;
                default:
                    // Control characters are not allowed in XML 1.0; drop them rather than emit a broken document.
                    if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') continue;
                    sb.Append(c);
                    break;
            }
        }
        return sb.ToString();
    }

    public SvgWriter Raw(string s)
    {
        _sb.Append(' ', _depth * 2).Append(s).Append('\n');
        return this;
    }

    public SvgWriter Open(string tag, string attrs = "")
    {
        Raw(attrs.Length == 0 ? $"<{tag}>" : $"<{tag} {attrs}>");
        _depth++;
        return this;
    }

    public SvgWriter Close(string tag)
    {
        _depth--;
        return Raw($"</{tag}>");
    }

    public SvgWriter Line(double x1, double y1, double x2, double y2, string stroke, double width, string extra = "") =>
        Raw($"<line x1=\"{Num(x1)}\" y1=\"{Num(y1)}\" x2=\"{Num(x2)}\" y2=\"{Num(y2)}\" stroke=\"{stroke}\" stroke-width=\"{Num(width)}\"{Pre(extra)}/>");

    public SvgWriter Rect(double x, double y, double w, double h, string fill, string extra = "") =>
        Raw($"<rect x=\"{Num(x)}\" y=\"{Num(y)}\" width=\"{Num(Math.Max(0, w))}\" height=\"{Num(Math.Max(0, h))}\" fill=\"{fill}\"{Pre(extra)}/>");

    public SvgWriter Text(double x, double y, string text, double size, string anchor = "start", string fill = "#222222", string extra = "") =>
        Raw($"<text x=\"{Num(x)}\" y=\"{Num(y)}\" font-size=\"{Num(size)}\" text-anchor=\"{anchor}\" fill=\"{fill}\"{Pre(extra)}>{Escape(text)}</text>");

    public SvgWriter Path(string d, string fill, string stroke, double width, string extra = "") =>
        Raw($"<path d=\"{d}\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{Num(width)}\"{Pre(extra)}/>");

    public static string PathData(IEnumerable<(double X, double Y)> points, bool close = false)
    {
        var sb = new StringBuilder();
        var first = true;
        foreach (var (x, y) in points)
        {
            sb.Append(first ? 'M' : 'L').Append(Num(x)).Append(',').Append(Num(y));
            first = false;
        }
        if (close && !first) sb.Append('Z');
        return sb.ToString();
    }

    private static string Pre(string extra) => extra.Length == 0 ? "" : " " + extra;

    /// <summary>The finished document with the id placeholder replaced by a hash of the content.</summary>
    public string Finish(string idStem)
    {
        var body = _sb.ToString();
        var hash = Fnv1a(body);
        return body.Replace(IdToken, $"{idStem}-{hash:x8}", StringComparison.Ordinal);
    }

    private static uint Fnv1a(string s)
    {
        uint h = 2166136261;
        foreach (var b in Encoding.UTF8.GetBytes(s))
        {
            h ^= b;
            h *= 16777619;
        }
        return h;
    }
}

/// <summary>
/// Text width estimation without a font engine: per-character advance widths typical of a sans face,
/// with CJK ideographs and full-width forms counted as one em, so margins and legends fit Chinese labels.
/// </summary>
public static class TextMetrics
{
    /// <summary>Estimated rendered width of <paramref name="text"/> in px at <paramref name="fontSize"/> px.</summary>
    public static double Width(string text, double fontSize, bool bold = false)
    {
        double em = 0;
        foreach (var c in text) em += Advance(c);
        return em * fontSize * (bold ? 1.06 : 1.0);
    }

    /// <summary>True for characters drawn full-width (CJK ideographs, kana, Hangul, full-width punctuation).</summary>
    public static bool IsWide(char c) =>
        c is >= '\u1100' and <= '\u115F' or >= '\u2E80' and <= '\uA4CF' or >= '\uAC00' and <= '\uD7A3'
            or >= '\uF900' and <= '\uFAFF' or >= '\uFE30' and <= '\uFE4F' or >= '\uFF00' and <= '\uFF60'
            or >= '\uFFE0' and <= '\uFFE6';

    private static double Advance(char c)
    {
        if (c is '\u200B') return 0;
        if (IsWide(c)) return 1.0;
        if (c is 'i' or 'j' or 'l' or '.' or ',' or ':' or ';' or '\'' or '|' or '!' or 'I') return 0.28;
        if (c is 'f' or 't' or 'r' or '(' or ')' or '[' or ']' or ' ' or '-' or '/') return 0.36;
        if (c is 'm' or 'w' or 'M' or 'W' or '%' or '@') return 0.86;
        if (char.IsUpper(c)) return 0.68;
        if (char.IsDigit(c)) return 0.56;
        if (c is '\u2212' or '+' or '=' or '<' or '>' or '~' or '\u00A5' or '\u00B2') return 0.58;
        if (c < 0x80) return 0.52;
        return 0.6;
    }

    /// <summary>Breaks <paramref name="text"/> into lines no wider than <paramref name="maxWidth"/> px (CJK may break anywhere).</summary>
    public static IReadOnlyList<string> Wrap(string text, double fontSize, double maxWidth, bool bold = false)
    {
        var lines = new List<string>();
        foreach (var paragraph in text.Split('\n'))
        {
            var line = new StringBuilder();
            var tokens = Tokenise(paragraph);
            foreach (var token in tokens)
            {
                var candidate = line.ToString() + token;
                if (line.Length > 0 && Width(candidate.TrimEnd(), fontSize, bold) > maxWidth)
                {
                    lines.Add(line.ToString().TrimEnd());
                    line.Clear();
                    line.Append(token.TrimStart());
                }
                else
                {
                    line.Append(token);
                }
            }
            lines.Add(line.ToString().TrimEnd());
        }
        return lines;
    }

    private static List<string> Tokenise(string s)
    {
        // Latin words stay whole (with their trailing space); each wide character is its own token.
        var tokens = new List<string>();
        var cur = new StringBuilder();
        foreach (var c in s)
        {
            if (IsWide(c))
            {
                if (cur.Length > 0) { tokens.Add(cur.ToString()); cur.Clear(); }
                tokens.Add(c.ToString());
            }
            else
            {
                cur.Append(c);
                if (c == ' ') { tokens.Add(cur.ToString()); cur.Clear(); }
            }
        }
        if (cur.Length > 0) tokens.Add(cur.ToString());
        return tokens;
    }
}
