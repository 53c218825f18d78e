using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance simulate panel`: calibrated synthetic county panels.</summary>
internal static class SimulatePanelCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
