using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance did twfe|event|twobytwo`: fixed-effects DiD and event studies.</summary>
internal static class DidTwfeCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
