using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace AllianceResearch.Payment.Model;

/// <summary>
/// Claims CSV: streamed, parsed straight from UTF-8 bytes (no string per field, no whole-file load).
/// Columns (header required, any order): claim_id, patient_id, member_id, age, sex (F/M), type (O/I),
/// group, los, total_cost, reimbursable_cost, drug_cost, in_county (0/1), referred (0/1).
/// </summary>
public sealed class ClaimsCsv : IClaimsSource
{
    /// <summary>The columns, in the order the writer emits them.</summary>
    public static readonly string[] Columns =
        ["claim_id", "patient_id", "member_id", "age", "sex", "type", "group", "los", "total_cost", "reimbursable_cost", "drug_cost", "in_county", "referred"];

    private readonly string path;
    private readonly Utf8Interner members = new();
    private readonly Utf8Interner groupCodes = new();

    /// <summary>A source reading <paramref name="path"/> against <paramref name="alliance"/>'s member ids.</summary>
    public ClaimsCsv(string path, Alliance alliance, GroupTable? groups = null)
    {
        this.path = path ?? throw new ArgumentNullException(nameof(path));
        Alliance = alliance ?? throw new ArgumentNullException(nameof(alliance));
        if (!File.Exists(path)) throw new FileNotFoundException($"Claims file not found: {path}", path);
        for (var i = 0; i < alliance.Members.Count; i++) members.Add(Encoding.UTF8.GetBytes(alliance.Members[i].Id), i);
        Groups = groups ?? new GroupTable();
        for (var i = 0; i < Groups.Count; i++) groupCodes.Add(Encoding.UTF8.GetBytes(Groups[i]), i);
    }

    /// <inheritdoc />
    public Alliance Alliance { get; }

    /// <inheritdoc />
    public GroupTable Groups { get; }

    /// <inheritdoc />
    public string Description => path;

    /// <inheritdoc />
    public IEnumerable<Claim> Read()
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        var buffer = new byte[1 << 20];
        int start = 0, end = 0;
        long row = 0;
        int[]? map = null;
        var eof = false;
        while (true)
        {
            var nl = Array.IndexOf(buffer, (byte)'\n', start, end - start);
            if (nl < 0)
            {
                if (eof)
                {
                    if (end > start) { nl = end; }
                    else yield break;
                }
                else
                {
                    if (start > 0) { Buffer.BlockCopy(buffer, start, buffer, 0, end - start); end -= start; start = 0; }
                    if (end == buffer.Length) Array.Resize(ref buffer, buffer.Length * 2);
                    var n = stream.Read(buffer, end, buffer.Length - end);
                    if (n == 0) eof = true; else end += n;
                    continue;
                }
            }
            var lineEnd = nl > start && buffer[nl - 1] == (byte)'\r' ? nl - 1 : nl;
            var lineStart = start;
            start = Math.Min(nl + 1, end);
            if (nl == end) start = end;
            row++;
            if (map is null) { map = ParseHeader(buffer, lineStart, lineEnd); continue; }
            if (lineEnd == lineStart) continue;
            yield return ParseLine(buffer, lineStart, lineEnd, map, row);
        }
    }

    private int[] ParseHeader(byte[] buffer, int s, int e)
    {
        var names = Encoding.UTF8.GetString(buffer, s, e - s).TrimStart('\uFEFF').Split(',');
        var map = new int[Columns.Length];
        for (var c = 0; c < Columns.Length; c++)
        {
            map[c] = Array.IndexOf(names, Columns[c]);
            if (map[c] < 0) throw new FormatException($"{path}: header lacks column '{Columns[c]}' (found: {string.Join(", ", names)}).");
        }
        if (names.Length != Columns.Length)
            throw new FormatException($"{path}: header has {names.Length} columns, expected {Columns.Length} ({string.Join(", ", Columns)}).");
        return map;
    }

    private Claim ParseLine(byte[] buffer, int s, int e, int[] map, long row)
    {
        Span<int> starts = stackalloc int[Columns.Length];
        Span<int> ends = stackalloc int[Columns.Length];
        var field = 0;
        var fs = s;
        for (var i = s; i <= e; i++)
        {
            if (i == e || buffer[i] == (byte)',')
            {
                if (field >= Columns.Length) throw Error(row, null, $"has more than {Columns.Length} fields");
                starts[field] = fs; ends[field] = i; field++; fs = i + 1;
            }
        }
        if (field != Columns.Length) throw Error(row, null, $"has {field} fields, expected {Columns.Length}");
        ReadOnlySpan<byte> F(int col, Span<int> st, Span<int> en) => buffer.AsSpan(st[map[col]], en[map[col]] - st[map[col]]);

        var claimId = Long(F(0, starts, ends), row, 0);
        var patient = Long(F(1, starts, ends), row, 1);
        var memberSpan = F(2, starts, ends);
        var member = members.Find(memberSpan);
        if (member < 0) throw Error(row, "member_id", $"unknown member '{Encoding.UTF8.GetString(memberSpan)}' (not in alliance '{Alliance.Name}')");
        var age = (int)Long(F(3, starts, ends), row, 3);
        if (age is < 0 or > 120) throw Error(row, "age", $"age {age} outside 0–120");
        var sex = F(4, starts, ends);
        var female = sex.Length == 1 && sex[0] == (byte)'F';
        if (!female && !(sex.Length == 1 && sex[0] == (byte)'M')) throw Error(row, "sex", $"'{Encoding.UTF8.GetString(sex)}' is not F or M");
        var type = F(5, starts, ends);
        ClaimType ct = type.Length == 1 && type[0] == (byte)'I' ? ClaimType.Inpatient
            : type.Length == 1 && type[0] == (byte)'O' ? ClaimType.Outpatient
            : throw Error(row, "type", $"'{Encoding.UTF8.GetString(type)}' is not O (outpatient) or I (inpatient)");
        var groupSpan = F(6, starts, ends);
        if (groupSpan.IsEmpty) throw Error(row, "group", "empty group code");
        var group = groupCodes.Find(groupSpan);
        if (group < 0)
        {
            var code = Encoding.UTF8.GetString(groupSpan);
            group = Groups.Intern(code);
            groupCodes.Add(groupSpan.ToArray(), group);
        }
        var los = (int)Long(F(7, starts, ends), row, 7);
        var total = Dec(F(8, starts, ends), row, 8);
        var reimb = Dec(F(9, starts, ends), row, 9);
        var drug = Dec(F(10, starts, ends), row, 10);
        var inCounty = Flag(F(11, starts, ends), row, 11);
        var referred = Flag(F(12, starts, ends), row, 12);
        if (los < 0) throw Error(row, "los", $"negative length of stay {los}");
        if (total < 0m) throw Error(row, "total_cost", $"negative cost {total}");
        if (reimb < 0m || reimb > total) throw Error(row, "reimbursable_cost", $"{reimb} must lie in [0, total_cost = {total}]");
        if (drug < 0m || drug > total) throw Error(row, "drug_cost", $"{drug} must lie in [0, total_cost = {total}]");
        if (inCounty != Alliance.Members[member].InCounty)
            throw Error(row, "in_county", $"{(inCounty ? 1 : 0)} contradicts member '{Alliance.Members[member].Id}' (in_county = {(Alliance.Members[member].InCounty ? 1 : 0)})");
        return new Claim(claimId, patient, member, age, female, ct, group, los, total, reimb, drug, referred);
    }

    private long Long(ReadOnlySpan<byte> s, long row, int col)
    {
        if (Utf8Parser.TryParse(s, out long v, out var used) && used == s.Length) return v;
        throw Error(row, Columns[col], $"'{Encoding.UTF8.GetString(s)}' is not an integer");
    }

    private decimal Dec(ReadOnlySpan<byte> s, long row, int col)
    {
        if (Utf8Parser.TryParse(s, out decimal v, out var used) && used == s.Length) return v;
        throw Error(row, Columns[col], $"'{Encoding.UTF8.GetString(s)}' is not a number");
    }

    private bool Flag(ReadOnlySpan<byte> s, long row, int col)
    {
        if (s.Length == 1 && (s[0] == (byte)'0' || s[0] == (byte)'1')) return s[0] == (byte)'1';
        throw Error(row, Columns[col], $"'{Encoding.UTF8.GetString(s)}' is not 0 or 1");
    }

    private FormatException Error(long row, string? column, string what) =>
        new($"{path}: line {row}{(column is null ? "" : $", column '{column}'")}: {what}.");

    /// <summary>Writes claims as CSV atomically (temporary file, then move); invariant culture, '\n' line ends.</summary>
    public static void Write(string path, IClaimsSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(dir);
        var tmp = Path.Combine(dir, "." + Path.GetFileName(path) + ".tmp");
        using (var w = new StreamWriter(tmp, false, new UTF8Encoding(false), 1 << 16) { NewLine = "\n" })
        {
            w.Write(string.Join(",", Columns));
            w.Write('\n');
            var ids = source.Alliance.Members.Select(m => m.Id).ToArray();
            var inCounty = source.Alliance.Members.Select(m => m.InCounty ? "1" : "0").ToArray();
            foreach (var c in source.Read()) WriteRow(w, c, ids[c.Member], source.Groups[c.Group], inCounty[c.Member]);
        }
        File.Move(tmp, path, true);
    }

    /// <summary>Writes one claim row (used by the writer and by the benchmark's file generator).</summary>
    public static void WriteRow(TextWriter w, in Claim c, string memberId, string group, string inCounty)
    {
        var ci = CultureInfo.InvariantCulture;
        w.Write(c.ClaimId.ToString(ci)); w.Write(',');
        w.Write(c.PatientId.ToString(ci)); w.Write(',');
        w.Write(memberId); w.Write(',');
        w.Write(c.Age.ToString(ci)); w.Write(',');
        w.Write(c.Female ? 'F' : 'M'); w.Write(',');
        w.Write(c.Type == ClaimType.Inpatient ? 'I' : 'O'); w.Write(',');
        w.Write(group); w.Write(',');
        w.Write(c.LengthOfStay.ToString(ci)); w.Write(',');
        w.Write(c.TotalCost.ToString("0.00", ci)); w.Write(',');
        w.Write(c.ReimbursableCost.ToString("0.00", ci)); w.Write(',');
        w.Write(c.DrugCost.ToString("0.00", ci)); w.Write(',');
        w.Write(inCounty); w.Write(',');
        w.Write(c.Referred ? '1' : '0');
        w.Write('\n');
    }
}

/// <summary>A small open-addressing table from UTF-8 byte strings to indexes, so lookups from a span allocate nothing.</summary>
internal sealed class Utf8Interner
{
    private byte[][] keys = new byte[64][];
    private int[] values = new int[64];
    private int count;

    public void Add(byte[] key, int value)
    {
        if ((count + 1) * 2 > keys.Length) Grow();
        var slot = Slot(key, keys.Length);
        while (keys[slot] is { } k)
        {
            if (k.AsSpan().SequenceEqual(key)) { values[slot] = value; return; }
            slot = (slot + 1) & (keys.Length - 1);
        }
        keys[slot] = key;
        values[slot] = value;
        count++;
    }

    public int Find(ReadOnlySpan<byte> key)
    {
        var slot = Slot(key, keys.Length);
        while (keys[slot] is { } k)
        {
            if (k.AsSpan().SequenceEqual(key)) return values[slot];
            slot = (slot + 1) & (keys.Length - 1);
        }
        return -1;
    }

    private void Grow()
    {
        var oldK = keys; var oldV = values;
        keys = new byte[oldK.Length * 2][];
        values = new int[oldK.Length * 2];
        count = 0;
        for (var i = 0; i < oldK.Length; i++) if (oldK[i] is { } k) Add(k, oldV[i]);
    }

    private static int Slot(ReadOnlySpan<byte> key, int size)
    {
        var h = 2166136261u;
        foreach (var b in key) h = (h ^ b) * 16777619u;
        return (int)(h & (uint)(size - 1));
    }
}
