using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>The `alliance notebooks` command group.</summary>
public static class NotebookCommands
{
    /// <summary>Creates the `notebooks` command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("notebooks", "Run, check and export the project's notebooks (.ipynb, C# cells) without Jupyter.");
        return command;
    }
}
