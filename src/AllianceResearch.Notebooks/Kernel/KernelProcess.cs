using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// The parent side of a kernel: starts <c>AllianceResearch.Notebooks.dll kernel …</c> in a child
/// process for one notebook, sends it cells, and kills it when a cell overruns its timeout.
/// </summary>
public sealed class KernelProcess : IAsyncDisposable
{
    private const int MaxStderrChars = 8000;

    /// <summary>How long the kernel may take to start (it also warms up the compiler), apart from any cell's timeout.</summary>
    public static readonly TimeSpan StartupTimeout = TimeSpan.FromMinutes(2);

    private readonly Process _process;
    private readonly Channel<string> _replies = Channel.CreateUnbounded<string>();
    private readonly StringBuilder _stderr = new();
    private readonly Task _stdoutPump;
    private readonly Task _stderrPump;
    private bool _ready;

    private KernelProcess(Process process)
    {
        _process = process;
        _stdoutPump = Task.Run(PumpStdoutAsync);
        _stderrPump = Task.Run(PumpStderrAsync);
    }

    /// <summary>Starts a kernel whose cells run with <paramref name="notebookDirectory"/> as current directory.</summary>
    public static KernelProcess Start(string notebookDirectory, string pathRoot)
    {
        var engine = typeof(KernelProcess).Assembly.Location;
        var directory = Path.GetDirectoryName(engine)!;
        var name = Path.GetFileNameWithoutExtension(engine);
        var runtimeConfig = Path.Combine(directory, name + ".runtimeconfig.json");
        var deps = Path.Combine(directory, name + ".deps.json");
        if (!File.Exists(runtimeConfig))
        {
            throw new InvalidOperationException($"The notebook kernel's {Path.GetFileName(runtimeConfig)} is missing next to {engine}; rebuild the solution.");
        }

        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            CreateNoWindow = true,
            WorkingDirectory = notebookDirectory,
            StandardInputEncoding = new UTF8Encoding(false),
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardErrorEncoding = new UTF8Encoding(false),
        };
        start.ArgumentList.Add("exec");
        start.ArgumentList.Add("--runtimeconfig");
        start.ArgumentList.Add(runtimeConfig);
        if (File.Exists(deps))
        {
            // The engine's own dependency list: the library a notebook loads with #r is deliberately not on it.
            start.ArgumentList.Add("--depsfile");
            start.ArgumentList.Add(deps);
        }
        start.ArgumentList.Add(engine);
        start.ArgumentList.Add(KernelHost.KernelArgument);
        start.ArgumentList.Add(Path.GetFullPath(notebookDirectory));
        start.ArgumentList.Add(Path.GetFullPath(pathRoot));
        // A notebook's output must not depend on the user's locale or on tiering experiments.
        start.Environment["DOTNET_gcServer"] = "0";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment.Remove("DOTNET_STARTUP_HOOKS");

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the notebook kernel process.");
        return new KernelProcess(process);
    }

    /// <summary>
    /// Runs one cell; returns its result, or a failure that says the cell overran
    /// <paramref name="timeout"/> (the kernel is then killed) or that the kernel died.
    /// </summary>
    public async Task<CellRunResult> RunCellAsync(string code, int cellNumber, int executionCount, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            if (!_ready)
            {
                using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                startup.CancelAfter(StartupTimeout);
                try
                {
                    await ReadReplyAsync(startup.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    Kill();
                    return Failed("KernelDied", $"the kernel process did not start within {StartupTimeout.TotalSeconds:0} s.", null);
                }
                _ready = true;
            }
        }
        catch (KernelExitedException)
        {
            return await KernelDied(cellNumber).ConfigureAwait(false);
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            var request = new JsonObject { ["cell"] = cellNumber, ["count"] = executionCount, ["code"] = code };
            await _process.StandardInput.WriteLineAsync(request.ToJsonString()).ConfigureAwait(false);
            await _process.StandardInput.FlushAsync(deadline.Token).ConfigureAwait(false);
            var reply = JsonNode.Parse(await ReadReplyAsync(deadline.Token).ConfigureAwait(false))!.AsObject();
            var outputs = (JsonArray)reply["outputs"]!.DeepClone();
            CellFailure? failure = reply["failure"] is JsonObject f
                ? new CellFailure(f["line"]?.GetValue<int>(), f["message"]!.GetValue<string>())
                : null;
            return new CellRunResult(outputs, failure);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Kill();
            var seconds = timeout.TotalSeconds.ToString("0.###", System.Globalization.CultureInfo.InvariantCulture);
            var message = $"cell {cellNumber} did not finish within the timeout of {seconds} s and was stopped (change it with --timeout SECONDS).";
            return Failed("TimeoutError", message, null);
        }
        catch (Exception e) when (e is KernelExitedException or IOException)
        {
            return await KernelDied(cellNumber).ConfigureAwait(false);
        }
    }

    private async Task<CellRunResult> KernelDied(int cellNumber)
    {
        await _stderrPump.ConfigureAwait(false);
        string detail;
        lock (_stderr) detail = _stderr.ToString().Trim();
        var message = $"the kernel process exited (code {ExitCodeOrUnknown()}) while running cell {cellNumber}" +
                      (detail.Length > 0 ? ": " + detail : ".");
        return Failed("KernelDied", message, null);
    }

    private static CellRunResult Failed(string ename, string message, int? line)
    {
        var error = new JsonObject
        {
            ["ename"] = ename,
            ["evalue"] = message,
            ["output_type"] = "error",
            ["traceback"] = new JsonArray(JsonValue.Create($"{ename}: {message}")),
        };
        return new CellRunResult(new JsonArray(error), new CellFailure(line, $"{ename}: {message}"));
    }

    private string ExitCodeOrUnknown()
    {
        try
        {
            return _process.WaitForExit(2000) ? _process.ExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) : "unknown";
        }
        catch (InvalidOperationException)
        {
            return "unknown";
        }
    }

    private async Task<string> ReadReplyAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _replies.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            throw new KernelExitedException();
        }
    }

    private async Task PumpStdoutAsync()
    {
        try
        {
            while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                var at = line.IndexOf(KernelHost.Marker, StringComparison.Ordinal);
                if (at >= 0) await _replies.Writer.WriteAsync(line[(at + KernelHost.Marker.Length)..]).ConfigureAwait(false);
            }
        }
        finally
        {
            _replies.Writer.TryComplete();
        }
    }

    private async Task PumpStderrAsync()
    {
        var buffer = new char[1024];
        int read;
        while ((read = await _process.StandardError.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            lock (_stderr)
            {
                if (_stderr.Length < MaxStderrChars) _stderr.Append(buffer, 0, Math.Min(read, MaxStderrChars - _stderr.Length));
            }
        }
    }

    private void Kill()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    /// <summary>Closes the kernel's input (it then exits) and makes sure the process is gone.</summary>
    public async ValueTask DisposeAsync()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (IOException)
        {
            // The kernel already exited.
        }
        using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            await _process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            Kill();
        }
        await Task.WhenAll(_stdoutPump, _stderrPump).ConfigureAwait(false);
        _process.Dispose();
    }

    /// <summary>The dotnet host that runs framework-dependent apps (the one running this process when possible).</summary>
    private static string DotnetHost()
    {
        var executable = RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? "dotnet.exe" : "dotnet";
        if (Environment.ProcessPath is { } current && Path.GetFileName(current) == executable) return current;
        var fromSdk = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (!string.IsNullOrEmpty(fromSdk) && File.Exists(fromSdk)) return fromSdk;
        // The runtime lives in <dotnet root>/shared/Microsoft.NETCore.App/<version>/.
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        var candidate = Path.Combine(root, executable);
        return File.Exists(candidate) ? candidate : executable;
    }

    private sealed class KernelExitedException : Exception;
}
