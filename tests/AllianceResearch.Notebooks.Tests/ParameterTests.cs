using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using static AllianceResearch.Notebooks.Tests.EngineFixture;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>Papermill-style parameters: typed from the defaults, injected after the parameters cell, replacing an old injection.</summary>
public sealed class ParameterTests(EngineFixture fixture)
{
    private static Notebook WithParameters() => Build(
        Markdown("# Parameters"),
        Code("int years = 5;\nvar label = \"base\";\ndouble rate = 0.1;\ndecimal budget = 2.5m;\nbool flag = false;\nvar offset = -3;", "parameters"),
        Code("years = 1; // an injection from an earlier run", "injected-parameters"),
        Code("$\"{years}|{label}|{rate}|{budget}|{flag}|{offset}|{years.GetType().Name}|{budget.GetType().Name}\""));

    private static readonly KeyValuePair<string, string>[] Values =
    [
        new("years", "8"), new("label", "county \"A\" 县"), new("rate", "0.25"), new("budget", "1000.50"), new("flag", "true"), new("offset", "-7"),
    ];

    [Fact]
    public void DeclarationsAreTypedFromDeclaredTypesAndLiterals()
    {
        var declarations = NotebookParameters.Declarations("int years = 5;\nvar label = \"base\";\nvar r = 0.5;\nvar big = 3L;\nvar m = 1m;\nvar n = -2;\nvar skip = Math.PI;");
        Assert.Equal(
            [new("years", "int"), new("label", "string"), new("r", "double"), new("big", "long"), new("m", "decimal"), new("n", "int")],
            declarations);
    }

    [Fact]
    public void InjectedCellFollowsParametersCellReplacesOldOneAndLeavesInputAlone()
    {
        var input = WithParameters();
        var before = input.ToJson();
        var injected = NotebookParameters.Inject(input, Values);

        Assert.Equal(before, input.ToJson());
        Assert.Equal(4, injected.Cells.Count);
        var cell = injected.Cell(2);
        Assert.Equal(["injected-parameters"], Notebook.Tags(cell));
        Assert.Equal("injected-parameters", cell["id"]!.GetValue<string>());
        Assert.Equal(
            "// Injected by `alliance notebooks run -p`: these values replace the defaults above.\n" +
            "int years = 8;\nstring label = \"county \\\"A\\\" 县\";\ndouble rate = 0.25d;\ndecimal budget = 1000.50m;\nbool flag = true;\nint offset = -7;",
            Notebook.Source(cell));
    }

    [Fact]
    public async Task InjectedValuesReachLaterCells()
    {
        var result = await fixture.RunOnce("parameters", WithParameters, new RunOptions { Parameters = Values });
        Assert.Null(result.Failure);
        var output = result.Notebook.Cell(3)["outputs"]![0]!;
        Assert.Equal("8|county \"A\" 县|0.25|1000.50|True|-7|Int32|Decimal", Notebook.JoinMultiline(output["data"]!["text/plain"]));
        Assert.Equal(3, result.Notebook.Cell(3)["execution_count"]!.GetValue<int>());
    }

    [Fact]
    public void UnknownParameterListsTheDeclaredOnes()
    {
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Inject(WithParameters(), [new("yeers", "8")]));
        Assert.Equal(
            "test.ipynb: parameter 'yeers' is not declared in the cell tagged \"parameters\" (cell 2); declared: int years, string label, double rate, decimal budget, bool flag, int offset.",
            e.Message);
    }

    [Fact]
    public void ValueOfTheWrongTypeIsRefused()
    {
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Inject(WithParameters(), [new("years", "8.5")]));
        Assert.Equal("test.ipynb: parameter 'years' is int; '8.5' is not a whole number.", e.Message);
    }

    [Fact]
    public void NotebookWithoutParametersCellIsRefused()
    {
        var e = Assert.Throws<NotebookParameterException>(() => NotebookParameters.Inject(Build(Code("int years = 5;")), [new("years", "8")]));
        Assert.Contains("no code cell is tagged \"parameters\"", e.Message);
    }

    [Fact]
    public void WithoutValuesTheNotebookIsReturnedAsIs()
    {
        var notebook = WithParameters();
        Assert.Same(notebook, NotebookParameters.Inject(notebook, []));
    }
}
