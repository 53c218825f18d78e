using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>The `alliance payment` command group; its subcommands live in one file per area.</summary>
public static class PaymentCommands
{
    /// <summary>Creates the `payment` command and its subcommands.</summary>
    public static Command Create()
    {
        var command = new Command("payment", "Payment-model scenarios: budgets, payment methods, settlement and incentives.");
        PaymentEngineCommands.AddTo(command);
        PaymentIncentiveCommands.AddTo(command);
        return command;
    }
}
