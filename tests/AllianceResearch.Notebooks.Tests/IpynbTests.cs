using System.Text;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;

namespace AllianceResearch.Notebooks.Tests;

/// <summary>Reading and writing .ipynb exactly as Jupyter (json.dumps(indent=1, sort_keys=True, ensure_ascii=False)) and VS Code do.</summary>
public sealed class IpynbTests
{
    /// <summary>
    /// Laid out by hand the way Jupyter writes it: sorted keys, one-space indent, lines split with "\n"
    /// kept, non-ASCII as-is, control characters as \u00XX, trailing newline. Holds fields this engine
    /// does not know (top level, notebook metadata, cell metadata, attachments, a raw cell, an unknown
    /// output field) that must survive.
    /// </summary>
    private const string JupyterLayout = """
        {
         "cells": [
          {
           "attachments": {
            "image.png": {
             "image/png": "iVBORw0KGgo="
            }
           },
           "cell_type": "markdown",
           "id": "a1b2c3d4",
           "metadata": {
            "editable": false,
            "jupyter": {
             "source_hidden": true
            }
           },
           "source": [
            "# 医共体 title\n",
            "\n",
            "Tab\there, quote \" and backslash \\ and escape \u001b."
           ]
          },
          {
           "cell_type": "code",
           "execution_count": 3,
           "id": "e5f6",
           "metadata": {
            "dotnet_interactive": {
             "language": "csharp"
            },
            "scrolled": true,
            "tags": [
             "keep"
            ]
           },
           "outputs": [
            {
             "data": {
              "application/json": {
               "a": [
                1,
                2.5e-10,
                null,
                true
               ]
              },
              "text/plain": [
               "line 1\n",
               "line 2"
              ]
             },
             "execution_count": 3,
             "metadata": {
              "custom": {}
             },
             "output_type": "execute_result",
             "x_unknown": []
            }
           ],
           "source": [
            "1 + 2"
           ]
          },
          {
           "cell_type": "raw",
           "id": "raw1",
           "metadata": {
            "format": "text/x-rst"
           },
           "source": []
          }
         ],
         "metadata": {
          "kernelspec": {
           "display_name": ".NET (C#)",
           "language": "C#",
           "name": ".net-csharp"
          },
          "zz_tool": {
           "nested": [
            {}
           ]
          }
         },
         "nbformat": 4,
         "nbformat_minor": 5,
         "x_top_level": "kept"
        }

        """;

    [Fact]
    public void JupyterLayoutRoundTripsByteForByte()
    {
        var text = JupyterLayout.ReplaceLineEndings("\n");
        var notebook = Notebook.Parse(text, "sample.ipynb");
        Assert.Equal(text, notebook.ToJson());
    }

    [Fact]
    public void UnknownFieldsAndIdsAreKept()
    {
        var notebook = Notebook.Parse(JupyterLayout, "sample.ipynb");
        Assert.Equal("kept", notebook.Root["x_top_level"]!.GetValue<string>());
        Assert.Equal("a1b2c3d4", notebook.Cell(0)["id"]!.GetValue<string>());
        Assert.True(notebook.Cell(1)["metadata"]!["scrolled"]!.GetValue<bool>());
        Assert.Equal("iVBORw0KGgo=", notebook.Cell(0)["attachments"]!["image.png"]!["image/png"]!.GetValue<string>());
    }

    [Fact]
    public void UnsortedCompactFileIsWrittenInJupyterLayoutAndThatIsStable()
    {
        const string compact = """{"nbformat_minor":5,"nbformat":4,"metadata":{"b":1,"a":{"d":[],"c":"中文"}},"cells":[{"source":"x = 1\ny","metadata":{},"id":"q","execution_count":null,"outputs":[],"cell_type":"code"}]}""";
        var once = Notebook.Parse(compact, "c.ipynb").ToJson();
        Assert.Equal("""
            {
             "cells": [
              {
               "cell_type": "code",
               "execution_count": null,
               "id": "q",
               "metadata": {},
               "outputs": [],
               "source": [
                "x = 1\n",
                "y"
               ]
              }
             ],
             "metadata": {
              "a": {
               "c": "中文",
               "d": []
              },
              "b": 1
             },
             "nbformat": 4,
             "nbformat_minor": 5
            }

            """.ReplaceLineEndings("\n"), once);
        Assert.Equal(once, Notebook.Parse(once, "c.ipynb").ToJson());
    }

    [Fact]
    public void FileIsUtf8WithoutBomAndChineseIsNotEscaped()
    {
        var json = Notebook.Parse(JupyterLayout, "sample.ipynb").ToJson();
        var bytes = Notebook.FileEncoding.GetBytes(json);
        Assert.False(bytes.AsSpan().StartsWith(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.Contains("医共体", json);
        Assert.DoesNotContain("\\u533b", json);
        Assert.DoesNotContain("\r", json);
        Assert.EndsWith("}\n", json);
    }

    [Fact]
    public void NotANotebookIsRejectedWithTheFileNamed()
    {
        Assert.Equal("bad.ipynb: only nbformat 4 notebooks are supported (field \"nbformat\" is 3).",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse("""{"nbformat": 3, "cells": []}""", "bad.ipynb")).Message);
        Assert.StartsWith("bad.ipynb: not valid JSON (line 1",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse("{\"nbformat\": 4,", "bad.ipynb")).Message);
        Assert.Equal("bad.ipynb: cell 2 is not an object with a \"cell_type\".",
            Assert.Throws<NotebookFormatException>(() => Notebook.Parse("""{"nbformat": 4, "cells": [{"cell_type": "code"}, {}]}""", "bad.ipynb")).Message);
    }

    [Fact]
    public void NormalizeAddsRequiredFieldsAndStableIdsWithoutTouchingExistingOnes()
    {
        const string handWritten = """{"nbformat":4,"nbformat_minor":5,"metadata":{},"cells":[{"cell_type":"markdown","source":"# T"},{"cell_type":"code","id":"keep","source":"1"},{"cell_type":"code","source":"2"}]}""";
        var first = Notebook.Parse(handWritten, "h.ipynb");
        var second = Notebook.Parse(handWritten, "h.ipynb");
        Assert.True(NotebookTemplate.Normalize(first));
        NotebookTemplate.Normalize(second);

        Assert.Equal(first.ToJson(), second.ToJson());
        Assert.Equal("keep", first.Cell(1)["id"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{8}$", first.Cell(0)["id"]!.GetValue<string>());
        Assert.NotEqual(first.Cell(0)["id"]!.GetValue<string>(), first.Cell(2)["id"]!.GetValue<string>());
        Assert.IsType<JsonArray>(first.Cell(2)["outputs"]);
        Assert.True(first.Cell(2).ContainsKey("execution_count"));
        Assert.False(NotebookTemplate.Normalize(first));
    }

    [Fact]
    public void NewNotebookHasCSharpKernelMetadataAndTheLibraryReference()
    {
        var notebook = NotebookTemplate.Create("Capitation", "n.ipynb");
        Assert.Equal(".net-csharp", notebook.Root["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("C#", notebook.Root["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        Assert.StartsWith("#r \"../artifacts/lib/AllianceResearch.dll\"", Notebook.Source(notebook.Cell(1)));
        Assert.Equal(notebook.ToJson(), NotebookTemplate.Create("Capitation", "n.ipynb").ToJson());
    }

    [Fact]
    public void LinesSplitOnlyAtNewline()
    {
        Assert.Equal(["a\n", "\n", "b\r\n", "c"], Notebook.SplitLines("a\n\nb\r\nc").Select(n => n!.GetValue<string>()));
        Assert.Empty(Notebook.SplitLines(""));
        Assert.Equal("a\nb", Notebook.JoinMultiline(new JsonArray("a\n", "b")));
        Assert.Equal(Encoding.UTF8.WebName, Notebook.FileEncoding.WebName);
    }
}
