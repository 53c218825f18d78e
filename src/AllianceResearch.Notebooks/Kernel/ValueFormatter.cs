using System.Collections;
using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// Turns a value into a MIME bundle (MIME type → text) the way .NET Interactive's convention-based
/// formatting does, without referencing it: a <c>TypeFormatterSourceAttribute</c> (matched by name, in
/// any namespace) on the value's type, a base type or an interface names a formatter source whose
/// <c>CreateTypeFormatters()</c> yields objects with <c>MimeType</c> and <c>bool Format(object, TextWriter)</c>.
/// Collections of objects without a formatter become an HTML table; everything also gets text/plain.
/// </summary>
public static class ValueFormatter
{
    /// <summary>The attribute's simple name; its namespace does not matter.</summary>
    public const string AttributeName = "TypeFormatterSourceAttribute";

    /// <summary>Rows shown in an automatic collection table; more would bloat committed notebooks.</summary>
    public const int MaxTableRows = 100;

    /// <summary>Items shown in the text form of a collection of plain values.</summary>
    public const int MaxListItems = 100;

    private static readonly ConcurrentDictionary<Type, IReadOnlyList<FormatterSource>> SourcesByType = new();
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<Formatter>> FormattersBySourceType = new();

    /// <summary>
    /// The MIME bundle for <paramref name="value"/>, in the order a host should prefer. text/plain is
    /// always present; strings and plain values give only text/plain.
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Format(object? value)
    {
        if (value is null) return [new("text/plain", "<null>")];
        if (value is string s) return [new("text/plain", s)];

        var sources = FindSources(value.GetType());
        if (sources.Count > 0)
        {
            var bundle = FormatWithSources(value, sources);
            if (bundle.Count > 0) return WithPlainText(bundle, value);
        }

        if (value is IEnumerable enumerable && TryFormatTable(enumerable, out var html, out var text))
        {
            return [new("text/html", html), new("text/plain", text)];
        }
        if (value is IEnumerable items && value is not IFormattable)
        {
            return [new("text/plain", FormatList(items))];
        }
        return [new("text/plain", PlainText(value))];
    }

    /// <summary>Invariant text for one value (what a table cell or a text/plain output shows).</summary>
    public static string PlainText(object? value) => value switch
    {
        null => "",
        string s => s,
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable e => FormatList(e),
        _ => value.ToString() ?? "",
    };

    private static List<KeyValuePair<string, string>> WithPlainText(List<KeyValuePair<string, string>> bundle, object value)
    {
        if (!bundle.Any(p => p.Key == "text/plain")) bundle.Add(new("text/plain", PlainText(value)));
        return bundle;
    }

    private static List<KeyValuePair<string, string>> FormatWithSources(object value, IReadOnlyList<FormatterSource> sources)
    {
        var preferred = sources.SelectMany(s => s.PreferredMimeTypes).Distinct(StringComparer.Ordinal).ToList();
        var formatters = sources.SelectMany(s => FormattersFor(s.SourceType)).ToList();
        var produced = new List<KeyValuePair<string, string>>();

        string? TryMime(string mime)
        {
            foreach (var formatter in formatters.Where(f => f.MimeType == mime))
            {
                var text = formatter.TryFormat(value);
                if (text is not null) return text;
            }
            return null;
        }

        if (preferred.Count > 0)
        {
            // Declared preferences decide which rich forms a host gets, in that order (as .NET Interactive does).
            foreach (var mime in preferred)
            {
                var text = TryMime(mime);
                if (text is not null) produced.Add(new(mime, text));
            }
            if (produced.Count > 0) return produced;
        }
        foreach (var mime in formatters.Select(f => f.MimeType).Distinct(StringComparer.Ordinal))
        {
            var text = TryMime(mime);
            if (text is not null) produced.Add(new(mime, text));
        }
        return produced;
    }

    /// <summary>
    /// Formatter sources declared on the type, then its base types, then its interfaces (ordered by
    /// name so the result never depends on reflection order); duplicates removed.
    /// </summary>
    internal static IReadOnlyList<FormatterSource> FindSources(Type type) => SourcesByType.GetOrAdd(type, static t =>
    {
        var found = new List<FormatterSource>();
        var chain = new List<Type>();
        for (var current = t; current is not null && current != typeof(object); current = current.BaseType) chain.Add(current);
        chain.AddRange(t.GetInterfaces().OrderBy(i => i.FullName ?? i.Name, StringComparer.Ordinal));
        foreach (var declaring in chain)
        {
            foreach (var attribute in declaring.GetCustomAttributesData())
            {
                if (attribute.AttributeType.Name != AttributeName) continue;
                if (attribute.ConstructorArguments.Count < 1 || attribute.ConstructorArguments[0].Value is not Type sourceType) continue;
                var preferredMimeTypes = attribute.NamedArguments
                    .Where(a => a.MemberName == "PreferredMimeTypes")
                    .SelectMany(a => a.TypedValue.Value is IEnumerable<CustomAttributeTypedArgument> values
                        ? values.Select(v => v.Value as string).OfType<string>()
                        : [])
                    .ToList();
                var existing = found.FindIndex(f => f.SourceType == sourceType);
                if (existing < 0)
                {
                    found.Add(new FormatterSource(sourceType, preferredMimeTypes));
                }
                else
                {
                    found[existing] = found[existing] with
                    {
                        PreferredMimeTypes = found[existing].PreferredMimeTypes.Concat(preferredMimeTypes).Distinct(StringComparer.Ordinal).ToList(),
                    };
                }
            }
        }
        return found;
    });

    private static IReadOnlyList<Formatter> FormattersFor(Type sourceType) => FormattersBySourceType.GetOrAdd(sourceType, static t =>
    {
        object source;
        try
        {
            source = Activator.CreateInstance(t, nonPublic: true)
                ?? throw new InvalidOperationException("Activator returned null.");
        }
        catch (Exception e)
        {
            throw new InvalidOperationException(
                $"Formatter source {t.FullName} could not be created (it needs a parameterless constructor): {Unwrap(e).Message}", e);
        }
        var create = t.GetMethod("CreateTypeFormatters", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes)
            ?? throw new InvalidOperationException($"Formatter source {t.FullName} has no public CreateTypeFormatters() method.");
        var result = Invoke(create, source, [], t.FullName!) as IEnumerable
            ?? throw new InvalidOperationException($"{t.FullName}.CreateTypeFormatters() did not return a sequence.");
        var formatters = new List<Formatter>();
        foreach (var formatter in result)
        {
            if (formatter is null) continue;
            var formatterType = formatter.GetType();
            var mime = formatterType.GetProperty("MimeType")?.GetValue(formatter) as string;
            var format = formatterType.GetMethod("Format", [typeof(object), typeof(TextWriter)]);
            if (mime is null || format is null || format.ReturnType != typeof(bool))
            {
                throw new InvalidOperationException(
                    $"Formatter {formatterType.FullName} from {t.FullName} needs a string MimeType property and a bool Format(object, TextWriter) method.");
            }
            var handled = formatterType.GetProperty("Type")?.GetValue(formatter) as Type;
            formatters.Add(new Formatter(formatter, mime, format, handled));
        }
        return formatters;
    });

    private static object? Invoke(MethodInfo method, object target, object?[] args, string what)
    {
        try
        {
            return method.Invoke(target, args);
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw new InvalidOperationException($"{what}.{method.Name} threw {e.InnerException.GetType().Name}: {e.InnerException.Message}", e.InnerException);
        }
    }

    private static Exception Unwrap(Exception e) => e is TargetInvocationException { InnerException: { } inner } ? inner : e;

    private static bool TryFormatTable(IEnumerable items, out string html, out string text)
    {
        html = text = "";
        var elementType = ElementType(items.GetType());
        var rows = new List<object?>();
        var more = false;
        foreach (var item in items)
        {
            if (rows.Count == MaxTableRows)
            {
                more = true;
                break;
            }
            rows.Add(item);
        }
        if (elementType is null || elementType == typeof(object) || elementType.IsInterface || elementType.IsAbstract)
        {
            elementType = rows.FirstOrDefault(r => r is not null)?.GetType();
        }
        if (elementType is null || IsScalar(elementType)) return false;

        var columns = Columns(elementType);
        if (columns.Count == 0) return false;

        var total = items is ICollection collection ? collection.Count : (int?)null;
        var cells = rows.Select(r => columns.Select(c => r is null ? "" : PlainText(c.Read(r))).ToArray()).ToList();
        var numeric = columns.Select(c => IsNumeric(c.Type)).ToArray();
        var footer = more ? (total is { } n ? $"… {n - MaxTableRows} more rows ({n} in all)" : $"… more rows (first {MaxTableRows} shown)") : null;

        var h = new StringBuilder();
        h.Append("<table class=\"ar-table\">\n<thead><tr>");
        foreach (var column in columns) h.Append("<th>").Append(WebUtility.HtmlEncode(column.Name)).Append("</th>");
        h.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in cells)
        {
            h.Append("<tr>");
            for (var i = 0; i < row.Length; i++)
            {
                h.Append(numeric[i] ? "<td style=\"text-align:right\">" : "<td>").Append(WebUtility.HtmlEncode(row[i])).Append("</td>");
            }
            h.Append("</tr>\n");
        }
        h.Append("</tbody>\n</table>");
        if (footer is not null) h.Append("\n<p><em>").Append(WebUtility.HtmlEncode(footer)).Append("</em></p>");
        html = h.ToString();

        var widths = columns.Select((c, i) => Math.Max(DisplayWidth(c.Name), cells.Count == 0 ? 0 : cells.Max(r => DisplayWidth(r[i])))).ToArray();
        var t = new StringBuilder();
        void Line(IReadOnlyList<string> values)
        {
            var parts = values.Select((v, i) =>
            {
                var padding = new string(' ', Math.Max(0, widths[i] - DisplayWidth(v)));
                return numeric[i] ? padding + v : v + padding;
            });
            t.Append(string.Join("  ", parts).TrimEnd()).Append('\n');
        }
        Line(columns.Select(c => c.Name).ToList());
        Line(widths.Select(w => new string('-', w)).ToList());
        foreach (var row in cells) Line(row);
        if (footer is not null) t.Append(footer).Append('\n');
        text = t.ToString().TrimEnd('\n');
        return true;
    }

    /// <summary>Columns a string takes in a monospace font: CJK ideographs and full-width forms take two.</summary>
    internal static int DisplayWidth(string text)
    {
        var width = 0;
        foreach (var c in text)
        {
            width += c is (>= '\u1100' and <= '\u115F') or (>= '\u2E80' and <= '\uA4CF') or (>= '\uAC00' and <= '\uD7A3')
                or (>= '\uF900' and <= '\uFAFF') or (>= '\uFE30' and <= '\uFE4F') or (>= '\uFF00' and <= '\uFF60') or (>= '\uFFE0' and <= '\uFFE6')
                ? 2 : 1;
        }
        return width;
    }

    private static string FormatList(IEnumerable items)
    {
        var parts = new List<string>();
        var more = false;
        foreach (var item in items)
        {
            if (parts.Count == MaxListItems)
            {
                more = true;
                break;
            }
            parts.Add(item is string s ? s : PlainText(item));
        }
        return "[" + string.Join(", ", parts) + (more ? ", …" : "") + "]";
    }

    private static Type? ElementType(Type type)
    {
        if (type.IsArray) return type.GetElementType();
        var enumerable = type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                .OrderBy(i => i.FullName, StringComparer.Ordinal)
                .FirstOrDefault();
        return enumerable?.GetGenericArguments()[0];
    }

    private static bool IsScalar(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal)
            || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeSpan)
            || type == typeof(DateOnly) || type == typeof(TimeOnly) || type == typeof(Guid)
            || typeof(IEnumerable).IsAssignableFrom(type);
    }

    private static bool IsNumeric(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type == typeof(int) || type == typeof(long) || type == typeof(double) || type == typeof(decimal)
            || type == typeof(float) || type == typeof(short) || type == typeof(byte) || type == typeof(uint)
            || type == typeof(ulong) || type == typeof(ushort) || type == typeof(sbyte);
    }

    private static List<Column> Columns(Type type)
    {
        // Metadata order is declaration order; base-class members come first, as a reader expects.
        var hierarchy = new List<Type>();
        for (var t = type; t is not null && t != typeof(object); t = t.BaseType) hierarchy.Insert(0, t);
        var properties = hierarchy
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(p => p.CanRead && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)
                .OrderBy(p => p.MetadataToken))
            .Select(p => new Column(p.Name, p.PropertyType, p.GetValue))
            .ToList();
        if (properties.Count > 0) return properties;
        return hierarchy
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).OrderBy(f => f.MetadataToken))
            .Select(f => new Column(f.Name, f.FieldType, f.GetValue))
            .ToList();
    }

    private sealed record Column(string Name, Type Type, Func<object, object?> Read);

    /// <summary>A formatter source found on a type, with the MIME types it prefers.</summary>
    internal sealed record FormatterSource(Type SourceType, IReadOnlyList<string> PreferredMimeTypes);

    private sealed record Formatter(object Instance, string MimeType, MethodInfo FormatMethod, Type? HandledType)
    {
        public string? TryFormat(object value)
        {
            if (HandledType is not null && !HandledType.IsInstanceOfType(value)) return null;
            var writer = new StringWriter(CultureInfo.InvariantCulture);
            var ok = (bool)Invoke(FormatMethod, Instance, [value, writer], Instance.GetType().FullName!)!;
            return ok ? writer.ToString() : null;
        }
    }
}
