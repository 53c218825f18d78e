namespace AllianceResearch.Simulation;

/// <summary>How a province's counties are assigned to adoption cohorts in the synthetic design.</summary>
public enum ProvinceAdoption
{
    /// <summary>Every county adopts in the early wave (Anhui and Fujian started early, document 000).</summary>
    EarlyWave,

    /// <summary>Every county is one of the 2019 national pilots (Shanxi 117, Zhejiang 70, document 002).</summary>
    NationalPilot,

    /// <summary>Counties are shuffled into the 2019 pilots ("other provinces 567"), later waves or never.</summary>
    Mixed,
}

/// <summary>One province of the synthetic design.</summary>
/// <param name="Name">Pinyin name (Shanxi 山西 and Shaanxi 陕西 are different provinces).</param>
/// <param name="NameZh">Chinese name.</param>
/// <param name="Counties">Number of synthetic counties.</param>
/// <param name="GdpPerCapita2015">Illustrative county GDP per capita in 2015, CNY (not a source figure).</param>
/// <param name="Adoption">How its counties are assigned to cohorts.</param>
public sealed record ProvinceDesign(string Name, string NameZh, int Counties, double GdpPerCapita2015, ProvinceAdoption Adoption);

/// <summary>
/// The fixed design of the synthetic county panel: provinces, cohort sizes and years. The 2019 pilot
/// split (Shanxi 117, Zhejiang 70, other provinces 567, total 754) is document 002's; everything
/// else (province sizes, the early and later waves, never-adopters) is an illustrative design choice.
/// </summary>
public static class CountyPanelDesign
{
    /// <summary>First year of the panel.</summary>
    public const int FirstYear = 2015;

    /// <summary>Last year of the panel.</summary>
    public const int LastYear = 2023;

    /// <summary>The early wave's adoption year.</summary>
    public const int EarlyCohort = 2017;

    /// <summary>The national pilot year (国卫基层函〔2019〕121号).</summary>
    public const int PilotCohort = 2019;

    /// <summary>Number of 2019 pilots drawn from the mixed provinces (document 002: "other provinces 567").</summary>
    public const int OtherProvincePilots = 567;

    /// <summary>Counties of the mixed provinces adopting in 2021 (illustrative).</summary>
    public const int Wave2021 = 380;

    /// <summary>Counties of the mixed provinces adopting in 2022 (illustrative).</summary>
    public const int Wave2022 = 200;

    /// <summary>The cohorts in order; 0 means never treated (the convention of R's did package).</summary>
    public static IReadOnlyList<int> Cohorts { get; } = [EarlyCohort, PilotCohort, 2021, 2022, 0];

    /// <summary>How strongly each cohort's effect is scaled (early adopters reported the clearest effects).</summary>
    public static double CohortEffectMultiplier(int cohort) => cohort switch
    {
        EarlyCohort => 1.25,
        PilotCohort => 1.0,
        2021 => 0.8,
        2022 => 0.7,
        0 => 0.0,
        _ => throw new ArgumentOutOfRangeException(nameof(cohort), cohort, "Not a cohort of the synthetic design."),
    };

    /// <summary>
    /// Share of the full effect reached after <paramref name="eventTime"/> years of exposure
    /// (0 in the adoption year): one third in the first year, two thirds in the second, full from the third.
    /// </summary>
    public static double ExposureShare(int eventTime) =>
        eventTime < 0 ? 0.0 : Math.Min(1.0, (eventTime + 1) / 3.0);

    /// <summary>The provinces, in county-id order; counties sum to 1,800.</summary>
    public static IReadOnlyList<ProvinceDesign> Provinces { get; } =
    [
        new("Shanxi", "山西", 117, 30000, ProvinceAdoption.NationalPilot),
        new("Zhejiang", "浙江", 70, 62000, ProvinceAdoption.NationalPilot),
        new("Anhui", "安徽", 70, 30000, ProvinceAdoption.EarlyWave),
        new("Fujian", "福建", 56, 52000, ProvinceAdoption.EarlyWave),
        new("Hebei", "河北", 100, 32000, ProvinceAdoption.Mixed),
        new("Inner Mongolia", "内蒙古", 80, 45000, ProvinceAdoption.Mixed),
        new("Liaoning", "辽宁", 50, 38000, ProvinceAdoption.Mixed),
        new("Jilin", "吉林", 40, 36000, ProvinceAdoption.Mixed),
        new("Heilongjiang", "黑龙江", 65, 28000, ProvinceAdoption.Mixed),
        new("Jiangsu", "江苏", 40, 70000, ProvinceAdoption.Mixed),
        new("Jiangxi", "江西", 80, 30000, ProvinceAdoption.Mixed),
        new("Shandong", "山东", 80, 50000, ProvinceAdoption.Mixed),
        new("Henan", "河南", 98, 32000, ProvinceAdoption.Mixed),
        new("Hubei", "湖北", 64, 38000, ProvinceAdoption.Mixed),
        new("Hunan", "湖南", 86, 32000, ProvinceAdoption.Mixed),
        new("Guangdong", "广东", 57, 36000, ProvinceAdoption.Mixed),
        new("Guangxi", "广西", 70, 24000, ProvinceAdoption.Mixed),
        new("Hainan", "海南", 15, 30000, ProvinceAdoption.Mixed),
        new("Chongqing", "重庆", 26, 38000, ProvinceAdoption.Mixed),
        new("Sichuan", "四川", 110, 28000, ProvinceAdoption.Mixed),
        new("Guizhou", "贵州", 72, 22000, ProvinceAdoption.Mixed),
        new("Yunnan", "云南", 100, 22000, ProvinceAdoption.Mixed),
        new("Shaanxi", "陕西", 76, 34000, ProvinceAdoption.Mixed),
        new("Gansu", "甘肃", 70, 18000, ProvinceAdoption.Mixed),
        new("Qinghai", "青海", 35, 26000, ProvinceAdoption.Mixed),
        new("Ningxia", "宁夏", 13, 30000, ProvinceAdoption.Mixed),
        new("Xinjiang", "新疆", 60, 30000, ProvinceAdoption.Mixed),
    ];

    /// <summary>Total counties in the design.</summary>
    public static int CountyCount => Provinces.Sum(p => p.Counties);

    /// <summary>Number of panel years.</summary>
    public static int YearCount => LastYear - FirstYear + 1;
}
