using System.Text;
using System.Text.Json;
using AllianceResearch.Results;

namespace AllianceResearch.Cli;

/// <summary>
/// The one JSON shape every estimator command prints with <c>--json</c> (documented in docs/cli-json.md):
/// <c>{ estimator, nobs, vcov, r2, r2_within, coefficients: [{ term, estimate, std_error, statistic, p_value, ci_low, ci_high }] }</c>
/// plus optional estimator-specific members after them. Non-finite numbers and absent statistics are <c>null</c>.
/// Output is deterministic: fixed member order, shortest round-trip numbers, invariant culture.
/// </summary>
public static class JsonOutput
{
    /// <summary>Serialises <paramref name="model"/>; <paramref name="extra"/> writes further members (e.g. a pre-trend test).</summary>
    public static string ModelSummary(IModelSummary model, string estimator, string vcov, Action<Utf8JsonWriter>? extra = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("estimator", estimator);
            w.WriteNumber("nobs", model.Observations);
            w.WriteString("vcov", vcov);
            Number(w, "r2", model.RSquared);
            Number(w, "r2_within", model.WithinRSquared);
            w.WriteStartArray("coefficients");
            foreach (var c in model.Coefficients) Coefficient(w, c);
            w.WriteEndArray();
            extra?.Invoke(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes one coefficient object.</summary>
    public static void Coefficient(Utf8JsonWriter w, CoefficientEstimate c)
    {
        w.WriteStartObject();
        w.WriteString("term", c.Term);
        Number(w, "estimate", c.Estimate);
        Number(w, "std_error", c.StdError);
        Number(w, "statistic", c.Statistic);
        Number(w, "p_value", c.PValue);
        Number(w, "ci_low", c.CiLow);
        Number(w, "ci_high", c.CiHigh);
        w.WriteEndObject();
    }

    /// <summary>Writes a number member, or null when absent or not finite (JSON has no NaN).</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteNull(name);
    }
}
