using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance payment run` and friends: budgets, payment methods, settlement, scenarios.</summary>
internal static class PaymentEngineCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
