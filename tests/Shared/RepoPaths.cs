namespace AllianceResearch.TestSupport;

/// <summary>
/// Locates the repository root and the shared reference folder. Reference tests read
/// <c>../shared/reference</c> relative to the repository root and are skipped, with a message that says
/// so, on a fresh clone where that folder is absent; CI has it, so there they run.
/// </summary>
public static class RepoPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The repository root (the folder holding AllianceResearch.sln).</summary>
    public static string RepoRoot => Root.Value;

    /// <summary>The shared reference folder, whether or not it exists.</summary>
    public static string ReferenceDir => Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference"));

    /// <summary>A path inside the repository.</summary>
    public static string InRepo(params string[] parts) => Path.Combine([RepoRoot, .. parts]);

    /// <summary>
    /// A file in the reference folder; skips the calling test with a clear message when the folder is
    /// absent. A missing file in a present folder is a failure, not a skip.
    /// </summary>
    public static string Reference(params string[] parts)
    {
        if (!Directory.Exists(ReferenceDir))
        {
            Assert.Skip($"Reference data folder not found at {ReferenceDir}: this test compares against R outputs kept " +
                        "outside the repository (../shared/reference). It runs in CI, where the folder is present.");
        }
        var path = Path.Combine([ReferenceDir, .. parts]);
        Assert.True(File.Exists(path), $"Reference file missing: {path}");
        return path;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AllianceResearch.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException(
            $"Could not find AllianceResearch.sln above {AppContext.BaseDirectory}.");
    }
}
