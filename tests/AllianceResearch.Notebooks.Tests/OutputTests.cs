using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using static AllianceResearch.Notebooks.Tests.EngineFixture;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>
/// What a successful notebook records: display calls, the last expression, console streams, rich
/// formatting found by attribute name, tables, #r against the notebook's folder. One shared run
/// (<see cref="Features"/>) serves all these tests.
/// </summary>
public sealed class OutputTests(EngineFixture fixture)
{
    /// <summary>Cell numbers below count every cell from 1, Markdown included.</summary>
    public static Notebook Features() => Build(
        Markdown("# Features"),                                                              // 1
        Code("#r \"../lib/Fixture.dll\"\nusing Fixture;"),                                  // 2
        Code("display(new Chart());\ndisplay(\"plain string\");\ndisplay(new Report(\"r1\"));\n40 + 2"), // 3
        Code("Console.WriteLine(\"out 1\");\nConsole.Error.WriteLine(\"err 1\");\nConsole.WriteLine(\"out 2\");\nConsole.Write(\"a\");\nConsole.Write(\"b\\n\");"), // 4
        Code("var rows = new List<Row> { new(\"a\", 1.5), new(\"b\", 2) };\nrows"),          // 5
        Code("new DerivedReport()"),                                                         // 6
        Code("new Both()"),                                                                  // 7
        Code("var greeting = await Task.FromResult(Greeter.Greet(\"notebook\"));\ngreeting"), // 8
        Code("Console.WriteLine(\"void call\")"),                                           // 9
        Code("string? nothing = null;\nnothing"),                                           // 10
        Code("new[] { 1, 2, 3 }"),                                                           // 11
        Code("  \n"),                                                                        // 12
        Code("int Twice(int x) => x * 2;"),                                                  // 13
        Code("Twice(21)"),                                                                   // 14
        Code("File.Exists(\"data.txt\")"),                                                   // 15
        Code("3.5"));                                                                        // 16

    private Task<NotebookRunResult> Run() => fixture.RunOnce("features", Features);

    private async Task<JsonArray> Outputs(int cellNumber) =>
        (JsonArray)(await Run()).Notebook.Cell(cellNumber - 1)["outputs"]!;

    private static string Text(JsonNode? output, string mime) => Notebook.JoinMultiline(output!["data"]![mime]);

    [Fact]
    public async Task NotebookRunsWithoutFailure()
    {
        var result = await Run();
        Assert.Null(result.Failure);
        Assert.Equal(14, result.CellsRun);
    }

    [Fact]
    public async Task ExecutionCountsStartAtOneAndSkipMarkdownAndEmptyCells()
    {
        var notebook = (await Run()).Notebook;
        int? Count(int cell) => notebook.Cell(cell - 1)["execution_count"]?.GetValue<int>();
        Assert.Equal(1, Count(2));
        Assert.Equal(2, Count(3));
        Assert.Equal(10, Count(11));
        Assert.Null(Count(12)); // whitespace-only: not executed, as in Jupyter
        Assert.Equal(11, Count(13));
        Assert.Equal(14, Count(16));
        Assert.False(notebook.Cell(0).ContainsKey("execution_count"));
    }

    [Fact]
    public async Task ReferenceCellWithUsingHasNoOutputs() => Assert.Empty(await Outputs(2));

    [Fact]
    public async Task EveryDisplayCallAndTheLastExpressionAreOutputsInOrder()
    {
        var outputs = await Outputs(3);
        Assert.Equal(["display_data", "display_data", "display_data", "execute_result"],
            outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        Assert.Equal("42", Text(outputs[3], "text/plain"));
        Assert.Equal(2, outputs[3]!["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public async Task InterfaceAttributeFromAnotherNamespaceGivesPreferredSvgPlusText()
    {
        var chart = (await Outputs(3))[0]!["data"]!.AsObject();
        Assert.Equal(["image/svg+xml", "text/plain"], chart.Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal("<svg><rect/></svg>", Notebook.JoinMultiline(chart["image/svg+xml"]));
        Assert.Equal("Chart", Notebook.JoinMultiline(chart["text/plain"]));
    }

    [Fact]
    public async Task StringsAreTextOnly()
    {
        var data = (await Outputs(3))[1]!["data"]!.AsObject();
        Assert.Equal(["text/plain"], data.Select(p => p.Key));
        Assert.Equal("plain string", Notebook.JoinMultiline(data["text/plain"]));
    }

    [Fact]
    public async Task ConcreteTypeAttributeWithInterfacePreferenceGivesHtml()
    {
        var data = (await Outputs(3))[2]!["data"]!.AsObject();
        Assert.Equal("<b>r1</b>", Notebook.JoinMultiline(data["text/html"]));
        Assert.False(data.ContainsKey("image/svg+xml"));
        Assert.Equal("Report { Name = r1 }", Notebook.JoinMultiline(data["text/plain"]));
    }

    [Fact]
    public async Task ConsoleStreamsAreCapturedInOrderAndAdjacentWritesMerge()
    {
        var outputs = await Outputs(4);
        Assert.Equal(
            [("stdout", "out 1\n"), ("stderr", "err 1\n"), ("stdout", "out 2\nab\n")],
            outputs.Select(o => (o!["name"]!.GetValue<string>(), Notebook.JoinMultiline(o["text"]))));
        Assert.All(outputs, o => Assert.Equal("stream", o!["output_type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task CollectionOfRecordsIsAnHtmlTablePlusTextTable()
    {
        var output = (await Outputs(5)).Single()!;
        var html = Text(output, "text/html");
        Assert.Contains("<th>Name</th><th>Value</th>", html);
        Assert.Contains("<tr><td>a</td><td style=\"text-align:right\">1.5</td></tr>", html);
        Assert.Contains("<tr><td>b</td><td style=\"text-align:right\">2</td></tr>", html);
        Assert.Equal("Name  Value\n----  -----\na       1.5\nb         2", Text(output, "text/plain"));
    }

    [Fact]
    public async Task AttributeOnBaseClassIsFound() =>
        Assert.Equal("<i>derived</i>", Text((await Outputs(6)).Single(), "text/html"));

    [Fact]
    public async Task TwoPreferredInterfacesGiveBothRichForms()
    {
        var data = (await Outputs(7)).Single()!["data"]!.AsObject();
        Assert.Equal(["image/svg+xml", "text/html", "text/plain"], data.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task RelativeReferenceLoadsLibraryAndItsDependencyAndAwaitWorks() =>
        Assert.Equal("hello notebook", Text((await Outputs(8)).Single(), "text/plain"));

    [Fact]
    public async Task TrailingVoidCallGivesNoResult()
    {
        var outputs = await Outputs(9);
        Assert.Equal("stream", outputs.Single()!["output_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task NullResultIsShownAsNull() =>
        Assert.Equal("<null>", Text((await Outputs(10)).Single(), "text/plain"));

    [Fact]
    public async Task CollectionOfNumbersIsAList()
    {
        var data = (await Outputs(11)).Single()!["data"]!.AsObject();
        Assert.Equal(["text/plain"], data.Select(p => p.Key));
        Assert.Equal("[1, 2, 3]", Notebook.JoinMultiline(data["text/plain"]));
    }

    [Fact]
    public async Task StateCarriesAcrossCells() =>
        Assert.Equal("42", Text((await Outputs(14)).Single(), "text/plain"));

    [Fact]
    public async Task CurrentDirectoryIsTheNotebookFolder() =>
        Assert.Equal("True", Text((await Outputs(15)).Single(), "text/plain"));

    [Fact]
    public async Task NumbersUseInvariantCulture() =>
        Assert.Equal("3.5", Text((await Outputs(16)).Single(), "text/plain"));
}
