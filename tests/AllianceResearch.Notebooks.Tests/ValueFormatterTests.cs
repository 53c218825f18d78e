using AllianceResearch.Notebooks.Kernel;
using AllianceResearch.Notebooks.Tests.Convention;

namespace AllianceResearch.Notebooks.Tests.Convention
{
    // The convention declared in this test assembly, under a namespace the engine has never heard of.
    [AttributeUsage(AttributeTargets.Class | AttributeTargets.Interface)]
    public sealed class TypeFormatterSourceAttribute(Type formatterSourceType) : Attribute
    {
        public Type FormatterSourceType { get; } = formatterSourceType;
        public string[] PreferredMimeTypes { get; set; } = [];
    }

    public sealed class TestSource
    {
        public IEnumerable<object> CreateTypeFormatters() => [new Markdown(), new Html(), new Picky()];

        public sealed class Markdown
        {
            public string MimeType => "text/markdown";
            public bool Format(object instance, TextWriter writer)
            {
                writer.Write("**" + instance + "**");
                return true;
            }
        }

        public sealed class Html
        {
            public string MimeType => "text/html";
            public bool Format(object instance, TextWriter writer)
            {
                writer.Write("<p>" + instance + "</p>");
                return true;
            }
        }

        // Declares the type it handles; the engine must not call it for others.
        public sealed class Picky
        {
            public string MimeType => "image/svg+xml";
            public Type Type => typeof(PickyTarget);
            public bool Format(object instance, TextWriter writer)
            {
                writer.Write(((PickyTarget)instance).Svg);
                return true;
            }
        }
    }

    [TypeFormatterSource(typeof(TestSource), PreferredMimeTypes = ["text/html", "text/markdown"])]
    public sealed record Preferring(string Name);

    [TypeFormatterSource(typeof(TestSource))]
    public sealed record NoPreference(string Name);

    [TypeFormatterSource(typeof(TestSource), PreferredMimeTypes = ["image/svg+xml"])]
    public sealed record PickyTarget(string Svg);

    public sealed class FailingSource
    {
        public IEnumerable<object> CreateTypeFormatters() => [new Thrower()];

        public sealed class Thrower
        {
            public string MimeType => "text/html";
            public bool Format(object instance, TextWriter writer) => throw new InvalidOperationException("formatter broke");
        }
    }

    [TypeFormatterSource(typeof(FailingSource))]
    public sealed record Broken;
}

namespace AllianceResearch.Notebooks.Tests
{
    /// <summary>The formatter convention in process, with types declared in this test assembly.</summary>
    public sealed class ValueFormatterTests
    {
        private static Dictionary<string, string> Format(object? value) => ValueFormatter.Format(value).ToDictionary();

        [Fact]
        public void PreferredMimeTypesAreTheRichFormsInTheirOrderPlusText()
        {
            var bundle = ValueFormatter.Format(new Preferring("x"));
            Assert.Equal(["text/html", "text/markdown", "text/plain"], bundle.Select(p => p.Key));
            Assert.Equal("<p>Preferring { Name = x }</p>", bundle[0].Value);
            Assert.Equal("Preferring { Name = x }", bundle[2].Value);
        }

        [Fact]
        public void WithoutPreferenceEveryFormatterThatAcceptsContributes()
        {
            // Picky declares Type = PickyTarget, so it is not asked about NoPreference.
            Assert.Equal(["text/markdown", "text/html", "text/plain"], ValueFormatter.Format(new NoPreference("n")).Select(p => p.Key));
        }

        [Fact]
        public void FormatterDeclaringItsTypeIsUsedForThatType() =>
            Assert.Equal("<svg/>", Format(new PickyTarget("<svg/>"))["image/svg+xml"]);

        [Fact]
        public void FormatterThatThrowsFailsWithItsName()
        {
            var e = Assert.Throws<InvalidOperationException>(() => ValueFormatter.Format(new Broken()));
            Assert.Contains("Thrower.Format threw InvalidOperationException: formatter broke", e.Message);
        }

        [Fact]
        public void PlainValuesAreTextWithInvariantCulture()
        {
            Assert.Equal(new Dictionary<string, string> { ["text/plain"] = "0.1" }, Format(0.1));
            Assert.Equal(new Dictionary<string, string> { ["text/plain"] = "<null>" }, Format(null));
            Assert.Equal(new Dictionary<string, string> { ["text/plain"] = "a\nb" }, Format("a\nb"));
        }

        [Fact]
        public void DictionaryIsAKeyValueTable()
        {
            var bundle = Format(new Dictionary<string, int> { ["a"] = 1 });
            Assert.Contains("<th>Key</th><th>Value</th>", bundle["text/html"]);
            Assert.Equal("Key  Value\n---  -----\na        1", bundle["text/plain"]);
        }

        [Fact]
        public void LongCollectionsAreCutWithACount()
        {
            var rows = Enumerable.Range(1, ValueFormatter.MaxTableRows + 5).Select(i => new { I = i }).ToList();
            var bundle = Format(rows);
            Assert.EndsWith("… 5 more rows (105 in all)", bundle["text/plain"]);
            Assert.Equal(ValueFormatter.MaxTableRows, bundle["text/html"].Split("<tr><td").Length - 1);
        }

        [Fact]
        public void InfiniteSequenceIsNotEnumeratedToTheEnd()
        {
            static IEnumerable<object> Forever()
            {
                for (var i = 0; ; i++) yield return new { I = i };
            }
            Assert.EndsWith($"… more rows (first {ValueFormatter.MaxTableRows} shown)", Format(Forever())["text/plain"]);
        }

        [Fact]
        public void TextTableAlignsChineseByDisplayWidth()
        {
            var text = Format(new[] { new { 地区 = "祥云县", N = 1 }, new { 地区 = "ab", N = 22 } })["text/plain"];
            Assert.Equal("地区     N\n------  --\n祥云县   1\nab      22", text);
        }
    }
}
