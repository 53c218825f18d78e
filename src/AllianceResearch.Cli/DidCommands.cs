using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>The `alliance did` command group; its subcommands live in one file per area.</summary>
public static class DidCommands
{
    /// <summary>Creates the `did` command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("did", "Difference-in-differences estimators on panel CSV files.");
        DidTwfeCommands.AddTo(command);
        DidStaggeredCommands.AddTo(command);
        return command;
    }
}
