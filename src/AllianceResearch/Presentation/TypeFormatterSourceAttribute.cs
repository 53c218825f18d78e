namespace AllianceResearch.Presentation;

/// <summary>
/// Names the formatter source that renders a type in notebooks. Matched by name, not by type, by the
/// project's notebook engine and by .NET Interactive (its convention-based formatting), so the library
/// needs no reference to either.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface, Inherited = true)]
public sealed class TypeFormatterSourceAttribute : Attribute
{
    /// <summary>Declares <paramref name="formatterSourceType"/> as the source of this type's formatters.</summary>
    public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;

    /// <summary>A type with a parameterless constructor and a <c>CreateTypeFormatters()</c> method.</summary>
    public Type FormatterSourceType { get; }

    /// <summary>MIME types a host should prefer, most preferred first.</summary>
    public string[] PreferredMimeTypes { get; set; } = [];
}
