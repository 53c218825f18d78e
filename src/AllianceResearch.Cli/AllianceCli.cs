using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>Builds the `alliance` command tree; each command group lives in its own file.</summary>
public static class AllianceCli
{
    /// <summary>The root command with every subcommand group attached.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand(
            "AllianceResearch: payment-reform evaluation for China's tight county medical alliances.\n" +
            "Run notebooks, estimate difference-in-differences models and simulate payment methods.");
        root.Subcommands.Add(NotebookCommands.Create());
        root.Subcommands.Add(DidCommands.Create());
        root.Subcommands.Add(PaymentCommands.Create());
        root.Subcommands.Add(SimulateCommands.Create());
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>, returning the process exit code.</summary>
    public static int Run(string[] args) => Build().Parse(args).Invoke();
}
