using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance simulate alliance`: a synthetic county alliance with one year of claims.</summary>
internal static class SimulateAllianceCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
