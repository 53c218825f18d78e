using System.CommandLine;
using System.Globalization;
using AllianceResearch.Simulation;

namespace AllianceResearch.Cli;

/// <summary>`alliance simulate panel`: calibrated synthetic county panels.</summary>
internal static class SimulatePanelCommands
{
    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        var seed = new Option<ulong>("--seed")
        {
            Description = "Seed of the generator (the committed snapshot uses 754).",
            DefaultValueFactory = _ => CountyPanelOptions.DefaultSeed,
        };
        var output = new Option<FileInfo>("--out") { Description = "Panel CSV to write.", Required = true };
        var truth = new Option<FileInfo?>("--truth") { Description = "Optional CSV of the true effects per outcome, cohort and year." };
        var violation = new Option<double>("--trend-violation")
        {
            Description = "Differential trend of ever-treated counties in noise SDs per year (0 = parallel trends hold).",
            DefaultValueFactory = _ => 0.0,
        };
        var effectScale = new Option<double>("--effect-scale")
        {
            Description = "Multiplies every true effect (0 = placebo panel).",
            DefaultValueFactory = _ => 1.0,
        };
        var noiseScale = new Option<double>("--noise-scale")
        {
            Description = "Multiplies county-year noise and province-year shocks.",
            DefaultValueFactory = _ => 1.0,
        };
        var command = new Command("panel",
            "Write a SYNTHETIC county panel (1,800 counties, 2015-2023, staggered tight-alliance adoption) calibrated to document 002.")
        {
            seed, output, truth, violation, effectScale, noiseScale,
        };
        command.SetAction(parse =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var options = new CountyPanelOptions(parse.GetValue(seed), parse.GetValue(violation),
                parse.GetValue(effectScale), parse.GetValue(noiseScale));
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                stderr.WriteLine($"alliance simulate panel: {ex.Message}");
                return 2;
            }
            var panel = CountyPanelGenerator.Generate(options);
            var outFile = parse.GetValue(output)!;
            panel.WriteCsv(outFile.FullName);
            stdout.WriteLine($"{panel} -> {outFile.Name} ({panel.RowCount.ToString(CultureInfo.InvariantCulture)} rows)");
            if (parse.GetValue(truth) is { } truthFile)
            {
                panel.WriteTruthCsv(truthFile.FullName);
                stdout.WriteLine($"true effects -> {truthFile.Name} ({panel.Truth.Count.ToString(CultureInfo.InvariantCulture)} rows)");
            }
            return 0;
        });
        parent.Subcommands.Add(command);
    }
}
