using System.CommandLine;
using System.Globalization;
using AllianceResearch.Simulation;

namespace AllianceResearch.Cli;

/// <summary>`alliance simulate alliance`: a synthetic county alliance with one year of claims.</summary>
internal static class SimulateAllianceCommands
{
    /// <summary>The seed of the committed snapshot in datasets/alliance/.</summary>
    public const ulong DefaultSeed = 2020;

    /// <summary>Adds this area's subcommands to <paramref name="parent"/>.</summary>
    public static void AddTo(Command parent)
    {
        var seed = new Option<ulong>("--seed") { Description = "Seed of the generator (the committed snapshot uses 2020).", DefaultValueFactory = _ => DefaultSeed };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write alliance.json, claims.csv and calibration.csv into.", Required = true };
        var command = new Command("alliance",
            "Write a SYNTHETIC county alliance (~400,000 residents, county + TCM hospitals, 15 township centres, 75 village clinics) with one year of claims, calibrated to document 002.")
        { seed, output };
        command.SetAction(parse =>
        {
            var dir = parse.GetValue(output)!;
            var g = AllianceGenerator.WriteTo(dir.FullName, parse.GetValue(seed));
            parse.InvocationConfiguration.Output.WriteLine($"{g.Alliance.Name}: {g.Alliance.Members.Count.ToString(CultureInfo.InvariantCulture)} members, {g.Alliance.Insured.ToString("N0", CultureInfo.InvariantCulture)} insured, {g.Claims.Count.ToString("N0", CultureInfo.InvariantCulture)} claims -> {dir.Name}/");
            foreach (var r in g.Calibration)
                parse.InvocationConfiguration.Output.WriteLine($"  {r.Indicator}: target {r.Target.ToString("P2", CultureInfo.InvariantCulture)}, achieved {r.Achieved.ToString("P2", CultureInfo.InvariantCulture)}");
            return 0;
        });
        parent.Subcommands.Add(command);
    }
}
