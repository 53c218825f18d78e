using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance payment advise|incentive`: incentive models and the selection guide.</summary>
internal static class PaymentIncentiveCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
