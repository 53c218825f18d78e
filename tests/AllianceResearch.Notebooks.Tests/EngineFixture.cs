using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

[assembly: AssemblyFixture(typeof(AllianceResearch.Notebooks.Tests.EngineFixture))]

namespace AllianceResearch.Notebooks.Tests;

/// <summary>
/// Shared, expensive state for the engine tests: a temporary folder with two compiled DLLs (a fixture
/// library that declares its OWN TypeFormatterSourceAttribute in another namespace, and a dependency it
/// calls) under lib/, notebooks under nb/ that reference them with <c>#r "../lib/Fixture.dll"</c>, and
/// notebook runs started once and awaited by every test that needs them (each run starts a kernel process).
/// </summary>
public sealed class EngineFixture : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<Task<NotebookRunResult>>> _runs = new();

    public EngineFixture()
    {
        Root = Path.Combine(Path.GetTempPath(), "ar-engine-tests-" + Guid.NewGuid().ToString("N")[..8]);
        LibDirectory = Directory.CreateDirectory(Path.Combine(Root, "lib")).FullName;
        NotebookDirectory = Directory.CreateDirectory(Path.Combine(Root, "nb")).FullName;
        var dep = Compile("Dep", DepSource, []);
        Compile("Fixture", FixtureSource, [MetadataReference.CreateFromFile(dep)]);
        File.WriteAllText(Path.Combine(NotebookDirectory, "data.txt"), "present");
    }

    /// <summary>Temporary root; holds lib/ and nb/.</summary>
    public string Root { get; }

    /// <summary>Where Fixture.dll and Dep.dll are.</summary>
    public string LibDirectory { get; }

    /// <summary>Where test notebooks are written.</summary>
    public string NotebookDirectory { get; }

    /// <summary>Runs <paramref name="notebook"/> once per <paramref name="key"/>, however many tests ask.</summary>
    public Task<NotebookRunResult> RunOnce(string key, Func<Notebook> notebook, RunOptions? options = null) =>
        _runs.GetOrAdd(key, _ => new Lazy<Task<NotebookRunResult>>(() =>
            NotebookRunner.ExecuteAsync(notebook(), NotebookDirectory, options ?? new RunOptions(), CancellationToken.None))).Value;

    /// <summary>Writes <paramref name="notebook"/> to nb/<paramref name="name"/> and returns the path.</summary>
    public string Write(string name, Notebook notebook)
    {
        var path = Path.Combine(NotebookDirectory, name);
        File.WriteAllText(path, notebook.ToJson(), Notebook.FileEncoding);
        return path;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>A notebook (nbformat 4.5, C# metadata) with the given cells.</summary>
    public static Notebook Build(params JsonObject[] cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
            ["metadata"] = NotebookTemplate.CSharpMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        for (var i = 0; i < cells.Length; i++) cells[i]["id"] ??= $"c{i + 1}";
        return Notebook.Parse(root.ToJsonString(), "test.ipynb");
    }

    public static JsonObject Code(string source, params string[] tags)
    {
        var cell = NotebookTemplate.Code(source);
        if (tags.Length > 0) cell["metadata"] = new JsonObject { ["tags"] = new JsonArray(tags.Select(t => (JsonNode)t!).ToArray()) };
        return cell;
    }

    public static JsonObject Markdown(string source) => NotebookTemplate.Markdown(source);

    private string Compile(string name, string source, MetadataReference[] extra)
    {
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        var framework = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        var references = trusted.Where(p => Path.GetDirectoryName(p) == framework)
            .Select(p => (MetadataReference)MetadataReference.CreateFromFile(p)).Concat(extra);
        var compilation = CSharpCompilation.Create(name,
            [CSharpSyntaxTree.ParseText(source)],
            references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var path = Path.Combine(LibDirectory, name + ".dll");
        var result = compilation.Emit(path);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return path;
    }

    private const string DepSource = """
        namespace Dep;
        public static class Greeting
        {
            public static string Hello(string name) => "hello " + name;
        }
        """;

    /// <summary>
    /// A library that follows the convention without sharing any type with the engine: its attribute
    /// lives in another namespace, so only matching by name can find it.
    /// </summary>
    private const string FixtureSource = """
        using System;
        using System.Collections.Generic;
        using System.IO;
        using Elsewhere.Formatting;

        namespace Elsewhere.Formatting
        {
            [AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct | AttributeTargets.Interface)]
            public sealed class TypeFormatterSourceAttribute : Attribute
            {
                public TypeFormatterSourceAttribute(Type formatterSourceType) => FormatterSourceType = formatterSourceType;
                public Type FormatterSourceType { get; }
                public string[] PreferredMimeTypes { get; set; } = Array.Empty<string>();
            }
        }

        namespace Fixture
        {
            public sealed class Source
            {
                public IEnumerable<object> CreateTypeFormatters()
                {
                    yield return new Svg();
                    yield return new Html();
                }

                public sealed class Svg
                {
                    public string MimeType => "image/svg+xml";
                    public bool Format(object instance, TextWriter writer)
                    {
                        if (instance is not IChart chart) return false;
                        writer.Write(chart.Svg());
                        return true;
                    }
                }

                public sealed class Html
                {
                    public string MimeType => "text/html";
                    public bool Format(object instance, TextWriter writer)
                    {
                        if (instance is not IReport report) return false;
                        writer.Write(report.Html());
                        return true;
                    }
                }
            }

            [TypeFormatterSource(typeof(Source), PreferredMimeTypes = new[] { "image/svg+xml" })]
            public interface IChart { string Svg(); }

            [TypeFormatterSource(typeof(Source), PreferredMimeTypes = new[] { "text/html" })]
            public interface IReport { string Html(); }

            // Found through its interface only.
            public sealed class Chart : IChart
            {
                public string Svg() => "<svg><rect/></svg>";
                public override string ToString() => "Chart";
            }

            [TypeFormatterSource(typeof(Source))]
            public sealed record Report(string Name) : IReport
            {
                public string Html() => "<b>" + Name + "</b>";
            }

            // The attribute sits on the base class.
            [TypeFormatterSource(typeof(Source))]
            public class BaseReport : IReport
            {
                public virtual string Html() => "<i>base</i>";
            }

            public sealed class DerivedReport : BaseReport
            {
                public override string Html() => "<i>derived</i>";
                public override string ToString() => "DerivedReport";
            }

            public sealed class Both : IChart, IReport
            {
                public string Svg() => "<svg/>";
                public string Html() => "<p>both</p>";
                public override string ToString() => "Both";
            }

            public sealed record Row(string Name, double Value);

            public static class Greeter
            {
                public static string Greet(string name) => Dep.Greeting.Hello(name);
            }
        }
        """;
}
