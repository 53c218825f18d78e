using System.CommandLine;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using AllianceResearch.TestSupport;

namespace AllianceResearch.Cli.Tests.Notebooks;

/// <summary>`alliance notebooks run|check|export|new` as a user calls them (in process; each notebook still gets its own kernel process).</summary>
public sealed class NotebookCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ar-cli-notebooks-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static async Task<(int Exit, string Output, string Error)> Alliance(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await AllianceCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error }, TestContext.Current.CancellationToken);
        return (exit, output.ToString(), error.ToString());
    }

    private string WriteNotebook(string name, params JsonObject[] cells)
    {
        var root = new JsonObject
        {
            ["cells"] = new JsonArray(cells.Select(c => (JsonNode)c).ToArray()),
            ["metadata"] = NotebookTemplate.CSharpMetadata(),
            ["nbformat"] = 4,
            ["nbformat_minor"] = 5,
        };
        var notebook = Notebook.Parse(root.ToJsonString(), name);
        NotebookTemplate.Normalize(notebook);
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, notebook.ToJson(), Notebook.FileEncoding);
        return path;
    }

    [Fact]
    public async Task RunWritesOutputsAndAFailingNotebookMakesItExitNonZeroNamingCellAndLineWhileOthersStillRun()
    {
        var failing = WriteNotebook("a-fail.ipynb", NotebookTemplate.Markdown("# Fails"), NotebookTemplate.Code("var x = 1;\nthrow new Exception(\"boom\");"));
        var passing = WriteNotebook("b-ok.ipynb", NotebookTemplate.Code("Console.WriteLine(1 + 1);"));

        var (exit, output, error) = await Alliance("notebooks", "run", failing, passing, "--html", Path.Combine(_directory, "html"));

        Assert.Equal(1, exit);
        Assert.Contains($"{failing}: FAILED at cell 2 (counting all cells, Markdown included), line 2: System.Exception: boom", error);
        Assert.Contains("1 of 2 notebooks failed.", error);
        Assert.Contains($"{passing}: ran 1 code cells in ", output);
        var ran = Notebook.Load(passing);
        Assert.Equal("2\n", Notebook.JoinMultiline(ran.Cell(0)["outputs"]![0]!["text"]));
        Assert.Equal("error", Notebook.Load(failing).Cell(1)["outputs"]![0]!["output_type"]!.GetValue<string>());
        Assert.True(File.Exists(Path.Combine(_directory, "html", "b-ok.html")));
        Assert.True(File.Exists(Path.Combine(_directory, "html", "a-fail.html")));
    }

    [Fact]
    public async Task CheckPassesAfterRunAndPrintsADiffWhenACommittedOutputChanged()
    {
        var path = WriteNotebook("check.ipynb", NotebookTemplate.Markdown("# Check"), NotebookTemplate.Code("Enumerable.Range(1, 3).Sum()"));
        Assert.Equal(0, (await Alliance("notebooks", "run", path)).Exit);

        var clean = await Alliance("notebooks", "check", path);
        Assert.Equal(0, clean.Exit);
        Assert.Contains("1 passed, 0 failed", clean.Output);

        var notebook = Notebook.Load(path);
        notebook.Cell(1)["outputs"]![0]!["data"]!["text/plain"] = "7";
        File.WriteAllText(path, notebook.ToJson(), Notebook.FileEncoding);

        var (exit, _, error) = await Alliance("notebooks", "check", path);
        Assert.Equal(1, exit);
        Assert.Contains($"{path}: cell 2, output 1 (execute_result) text/plain differs (- committed, + fresh run):\n    -7\n    +6\n", error.ReplaceLineEndings("\n"));
        Assert.Contains("0 passed, 1 failed", error);
    }

    [Fact]
    public async Task TourNotebookInTheRepositoryReproducesItsCommittedOutputs()
    {
        // The CLI process itself references AllianceResearch.dll; the notebook loads the artifacts/lib copy in its
        // own kernel process. Building this test project built the library into artifacts/lib.
        var tour = RepoPaths.InRepo("notebooks", "00-tour.ipynb");
        var (exit, output, error) = await Alliance("notebooks", "check", tour);
        Assert.True(exit == 0, output + error);
    }

    [Fact]
    public async Task NotebookKernelHoldsOnlyTheArtifactsCopyOfTheLibraryAndRendersItsTypes()
    {
        // This test process (like the CLI) has its own AllianceResearch.dll; the kernel must load only the #r'd copy.
        var library = RepoPaths.InRepo("artifacts", "lib", "AllianceResearch.dll");
        var path = WriteNotebook("identity.ipynb",
            NotebookTemplate.Code($"#r \"{library}\""),
            NotebookTemplate.Code("var used = typeof(AllianceResearch.Presentation.IHtmlRenderable).Assembly;\n" +
                                  "var copies = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == \"AllianceResearch\").ToList();\n" +
                                  "Console.WriteLine(copies.Count);\nConsole.WriteLine(Path.GetRelativePath(\"" + RepoPaths.RepoRoot + "\", copies[0].Location));"),
            NotebookTemplate.Code("using AllianceResearch.Presentation;\n[TypeFormatterSource(typeof(LibraryFormatterSource))]\n" +
                                  "public sealed record Bold(string Text) : IHtmlRenderable { public string ToHtml() => $\"<b>{Text}</b>\"; }\n" +
                                  "new Bold(\"rendered by the library\")"));

        var (exit, output, error) = await Alliance("notebooks", "run", path);

        Assert.True(exit == 0, output + error);
        var notebook = Notebook.Load(path);
        Assert.Equal("1\nartifacts/lib/AllianceResearch.dll\n", Notebook.JoinMultiline(notebook.Cell(1)["outputs"]![0]!["text"]));
        var data = notebook.Cell(2)["outputs"]![0]!["data"]!.AsObject();
        Assert.Equal("<b>rendered by the library</b>", Notebook.JoinMultiline(data["text/html"]));
    }

    [Fact]
    public async Task ExportWritesOneSelfContainedPageWithContentsAndInlineSvg()
    {
        var code = NotebookTemplate.Code("chart");
        code["execution_count"] = 1;
        code["outputs"] = new JsonArray(new JsonObject
        {
            ["data"] = new JsonObject
            {
                ["image/svg+xml"] = "<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><clipPath id=\"c\"/><rect clip-path=\"url(#c)\" onclick=\"alert(1)\"/></svg>",
                ["text/plain"] = "chart",
            },
            ["metadata"] = new JsonObject(),
            ["output_type"] = "display_data",
        });
        var path = WriteNotebook("export.ipynb",
            NotebookTemplate.Markdown("# 支付方式 Payment\n\n## Intro\n\n<script>alert('x')</script>text"), code);
        var before = File.ReadAllText(path);

        var (exit, output, _) = await Alliance("notebooks", "export", "--html", Path.Combine(_directory, "out"), path);

        Assert.Equal(0, exit);
        Assert.Contains("wrote", output);
        var html = File.ReadAllText(Path.Combine(_directory, "out", "export.html"));
        Assert.Contains("<title>支付方式 Payment</title>", html);
        Assert.Contains("<a href=\"#支付方式-payment\">支付方式 Payment</a>", html);
        Assert.Contains("<a href=\"#intro\">Intro</a>", html);
        Assert.Contains("<clipPath id=\"svg1-c\"/><rect clip-path=\"url(#svg1-c)\"/>", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onclick", html);
        Assert.DoesNotContain("<?xml", html);
        Assert.DoesNotContain("http://", html.Replace("xmlns=\"http://www.w3.org/2000/svg\"", ""));
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public async Task BadArgumentsExitWithTwoAndSayWhy()
    {
        var path = WriteNotebook("p.ipynb", NotebookTemplate.Code("1"));
        var badParameter = await Alliance("notebooks", "run", path, "-p", "noequals");
        Assert.Equal(2, badParameter.Exit);
        Assert.Contains("-p noequals: expected name=value", badParameter.Error);

        var missing = await Alliance("notebooks", "check", Path.Combine(_directory, "nope.ipynb"));
        Assert.Equal(2, missing.Exit);
        Assert.Contains("nope.ipynb: no such notebook or folder.", missing.Error);

        var badTimeout = await Alliance("notebooks", "run", path, "--timeout", "0");
        Assert.Equal(2, badTimeout.Exit);
        Assert.Contains("--timeout must be a positive number of seconds", badTimeout.Error);
    }

    [Fact]
    public void DefaultPathsAreTheRepositorysNotebooksFolderFoundFromTheCurrentDirectoryUpward()
    {
        File.WriteAllText(Path.Combine(_directory, "AllianceResearch.sln"), "");
        var notebooks = Directory.CreateDirectory(Path.Combine(_directory, "notebooks")).FullName;
        File.WriteAllText(Path.Combine(notebooks, "10-b.ipynb"), "{}");
        File.WriteAllText(Path.Combine(notebooks, "00-a.ipynb"), "{}");
        var deeper = Directory.CreateDirectory(Path.Combine(_directory, "src", "x")).FullName;

        Assert.True(NotebookCommands.TryResolve([], deeper, TextWriter.Null, out var files));
        Assert.Equal([Path.Combine(notebooks, "00-a.ipynb"), Path.Combine(notebooks, "10-b.ipynb")], files.Select(f => f.FullPath));

        var error = new StringWriter();
        Assert.False(NotebookCommands.TryResolve([], Path.GetTempPath(), error, out _));
        Assert.Contains("no AllianceResearch.sln found", error.ToString());
    }

    [Fact]
    public async Task NewCreatesACSharpNotebookAndRefusesToOverwrite()
    {
        var path = Path.Combine(_directory, "05-new.ipynb");
        Assert.Equal(0, (await Alliance("notebooks", "new", path, "--title", "Capitation")).Exit);
        var notebook = Notebook.Load(path);
        Assert.Equal("# Capitation", Notebook.Source(notebook.Cell(0)).Split('\n')[0]);
        Assert.Equal(2, (await Alliance("notebooks", "new", path, "--title", "Again")).Exit);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("check")]
    [InlineData("export")]
    [InlineData("new")]
    public async Task EverySubcommandsHelpHasAnExample(string subcommand)
    {
        var (exit, output, _) = await Alliance("notebooks", subcommand, "--help");
        Assert.Equal(0, exit);
        Assert.Contains("Example", output);
        Assert.Contains($"alliance notebooks {subcommand}", output);
    }

    [Fact]
    public async Task VersionIsPrinted()
    {
        var (exit, output, _) = await Alliance("--version");
        Assert.Equal(0, exit);
        Assert.StartsWith("0.1.0", output.Trim());
    }
}
