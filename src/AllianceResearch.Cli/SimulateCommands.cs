using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>The `alliance simulate` command group; its subcommands live in one file per area.</summary>
public static class SimulateCommands
{
    /// <summary>Creates the `simulate` command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("simulate", "Generate seeded, calibrated synthetic datasets (labelled synthetic).");
        SimulatePanelCommands.AddTo(command);
        SimulateAllianceCommands.AddTo(command);
        return command;
    }
}
