using System.CommandLine;

namespace AllianceResearch.Cli;

/// <summary>`alliance did cs|sunab|imputation|bacon|placebo`: staggered-adoption estimators.</summary>
internal static class DidStaggeredCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
    }
}
