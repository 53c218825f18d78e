using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// The child-process side of notebook execution. Each notebook runs in its own process so that
/// (1) a runaway cell can really be stopped (a process can be killed; a thread cannot be aborted in
/// .NET), and (2) the library the notebook loads with <c>#r</c> is the only copy in the process, so
/// types never clash with a copy the host happens to reference.
/// </summary>
/// <remarks>
/// Protocol: the parent writes one JSON object per line to stdin ({"cell": n, "count": k, "code": "..."});
/// the kernel answers each with one line on its original stdout that starts with <see cref="Marker"/>
/// and holds {"outputs": [...], "failure": {...} | null}. Cells' own console output is captured, never
/// written to the real stdout, so the protocol cannot be corrupted by ordinary printing.
/// </remarks>
public static class KernelHost
{
    /// <summary>Starts every protocol line, so stray bytes a cell writes straight to the process's stdout are ignored.</summary>
    public const string Marker = "\u0001alliance-kernel\u0001";

    /// <summary>The argument that selects kernel mode.</summary>
    public const string KernelArgument = "kernel";

    /// <summary>Entry point of AllianceResearch.Notebooks.dll: <c>kernel NOTEBOOK_DIR PATH_ROOT</c>.</summary>
    public static int Main(string[] args)
    {
        if (args.Length != 3 || args[0] != KernelArgument)
        {
            Console.Error.WriteLine("AllianceResearch.Notebooks is started by `alliance notebooks run`; it is not meant to be run by hand.");
            return 2;
        }
        return RunAsync(args[1], args[2]).GetAwaiter().GetResult();
    }

    private static async Task<int> RunAsync(string notebookDirectory, string pathRoot)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
        // Relative file paths in cells ("../datasets/x.csv") mean the same as in Jupyter: relative to the notebook.
        Environment.CurrentDirectory = notebookDirectory;

        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        using var input = new StreamReader(Console.OpenStandardInput(), utf8);
        await using var protocol = new StreamWriter(Console.OpenStandardOutput(), utf8) { AutoFlush = true, NewLine = "\n" };
        Console.SetIn(TextReader.Null);
        // Between cells, stray writes (say from a cell's background thread) go nowhere rather than into the protocol.
        Console.SetOut(TextWriter.Null);
        Console.SetError(TextWriter.Null);

        var kernel = new ScriptKernel(notebookDirectory, pathRoot);
        // Compile once before saying ready, so the compiler's start-up never counts against the first cell's timeout.
        await kernel.WarmUpAsync().ConfigureAwait(false);
        await protocol.WriteLineAsync(Marker + "{\"ready\":true}").ConfigureAwait(false);
        while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            var request = JsonNode.Parse(line)!.AsObject();
            var result = await kernel.RunCellAsync(
                request["code"]!.GetValue<string>(),
                request["cell"]!.GetValue<int>(),
                request["count"]!.GetValue<int>()).ConfigureAwait(false);
            var reply = new JsonObject
            {
                ["outputs"] = result.Outputs,
                ["failure"] = result.Failure is null ? null : new JsonObject
                {
                    ["line"] = result.Failure.Line,
                    ["message"] = result.Failure.Message,
                },
            };
            await protocol.WriteLineAsync(Marker + reply.ToJsonString()).ConfigureAwait(false);
        }
        return 0;
    }
}
