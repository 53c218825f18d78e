using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// Collects one cell's outputs in the order they happen: stream text (consecutive writes to the same
/// stream merge into one output, as Jupyter shows them), display calls and the cell's result.
/// </summary>
internal sealed class CellOutputs
{
    private readonly object _gate = new();
    private readonly List<JsonObject> _outputs = [];
    private readonly StringBuilder _pendingStream = new();
    private string? _pendingStreamName;

    public CellOutputs()
    {
        Stdout = new StreamCapture(this, "stdout");
        Stderr = new StreamCapture(this, "stderr");
    }

    /// <summary>Replaces Console.Out while a cell runs.</summary>
    public TextWriter Stdout { get; }

    /// <summary>Replaces Console.Error while a cell runs.</summary>
    public TextWriter Stderr { get; }

    /// <summary>Adds a display_data output for <paramref name="value"/>.</summary>
    public void AddDisplay(object? value)
    {
        var data = BundleToJson(ValueFormatter.Format(value));
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject { ["data"] = data, ["metadata"] = new JsonObject(), ["output_type"] = "display_data" });
        }
    }

    /// <summary>Adds the execute_result for the cell's last expression.</summary>
    public void AddResult(object? value, int executionCount)
    {
        var data = BundleToJson(ValueFormatter.Format(value));
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject
            {
                ["data"] = data,
                ["execution_count"] = executionCount,
                ["metadata"] = new JsonObject(),
                ["output_type"] = "execute_result",
            });
        }
    }

    /// <summary>Adds an error output.</summary>
    public void AddError(string ename, string evalue, IEnumerable<string> traceback)
    {
        lock (_gate)
        {
            FlushStream();
            _outputs.Add(new JsonObject
            {
                ["ename"] = ename,
                ["evalue"] = evalue,
                ["output_type"] = "error",
                ["traceback"] = new JsonArray(traceback.Select(l => (JsonNode)l!).ToArray()),
            });
        }
    }

    /// <summary>Returns the outputs gathered so far and starts a new, empty list.</summary>
    public JsonArray TakeAll()
    {
        lock (_gate)
        {
            FlushStream();
            var array = new JsonArray(_outputs.Select(o => (JsonNode)o).ToArray());
            _outputs.Clear();
            return array;
        }
    }

    private void Write(string name, string text)
    {
        if (text.Length == 0) return;
        lock (_gate)
        {
            if (_pendingStreamName != name) FlushStream();
            _pendingStreamName = name;
            _pendingStream.Append(text);
        }
    }

    private void FlushStream()
    {
        if (_pendingStreamName is null) return;
        var text = _pendingStream.ToString();
        // Jupyter merges adjacent writes to one stream into one output; do the same across display calls too.
        if (_outputs.Count > 0 && _outputs[^1]["output_type"]?.GetValue<string>() == "stream"
            && _outputs[^1]["name"]?.GetValue<string>() == _pendingStreamName)
        {
            _outputs[^1]["text"] = _outputs[^1]["text"]!.GetValue<string>() + text;
        }
        else
        {
            _outputs.Add(new JsonObject { ["name"] = _pendingStreamName, ["output_type"] = "stream", ["text"] = text });
        }
        _pendingStream.Clear();
        _pendingStreamName = null;
    }

    private static JsonObject BundleToJson(IReadOnlyList<KeyValuePair<string, string>> bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, text) in bundle) data[mime] = text;
        return data;
    }

    private sealed class StreamCapture : TextWriter
    {
        private readonly CellOutputs _owner;
        private readonly string _name;

        public StreamCapture(CellOutputs owner, string name) : base(CultureInfo.InvariantCulture)
        {
            _owner = owner;
            _name = name;
            // Always "\n", so captured text is the same on every operating system.
            CoreNewLine = ['\n'];
        }

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => _owner.Write(_name, value.ToString());

        public override void Write(string? value) => _owner.Write(_name, value ?? "");

        public override void Write(char[] buffer, int index, int count) => _owner.Write(_name, new string(buffer, index, count));
    }
}
