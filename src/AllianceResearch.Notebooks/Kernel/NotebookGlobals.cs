namespace AllianceResearch.Notebooks.Kernel;

/// <summary>
/// The members every notebook cell can call without qualification (the script globals), matching the
/// names .NET Interactive gave them so cells read the same in both hosts.
/// </summary>
public sealed class NotebookGlobals
{
    private readonly CellOutputs _outputs;

    internal NotebookGlobals(CellOutputs outputs) => _outputs = outputs;

    /// <summary>Shows <paramref name="value"/> as a rich output (HTML, SVG or text) below the cell.</summary>
#pragma warning disable IDE1006 // Lower-case on purpose: notebooks written for .NET Interactive call display(...).
    public void display(object? value) => _outputs.AddDisplay(value);
#pragma warning restore IDE1006
}
