using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using AllianceResearch.Notebooks.Ipynb;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AllianceResearch.Notebooks;

/// <summary>A parameter that cannot be injected; the message names the notebook, the parameter and why.</summary>
public sealed class NotebookParameterException(string message) : Exception(message);

/// <summary>
/// Papermill-style parameters: the code cell tagged <c>parameters</c> declares defaults
/// (<c>int years = 5;</c>); <c>-p years=8</c> adds a cell tagged <c>injected-parameters</c> right after
/// it that re-declares each given name with a literal of the default's type, so later cells see the
/// new values. A previous injected cell is replaced, never stacked.
/// </summary>
public static class NotebookParameters
{
    /// <summary>The tag that marks the cell holding parameter defaults.</summary>
    public const string ParametersTag = "parameters";

    /// <summary>The tag of the cell this engine injects.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>A declared parameter: its C# type keyword (int, double, string, …) and name.</summary>
    public sealed record Declaration(string Name, string Type);

    /// <summary>
    /// Returns a copy of <paramref name="notebook"/> with the injected cell for <paramref name="values"/>;
    /// the notebook itself is not changed.
    /// </summary>
    public static Notebook Inject(Notebook notebook, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        if (values.Count == 0) return notebook;
        var copy = notebook.Clone();
        var cells = copy.Cells;
        var parametersIndex = -1;
        for (var i = 0; i < cells.Count; i++)
        {
            if (Notebook.CellType(copy.Cell(i)) == "code" && Notebook.Tags(copy.Cell(i)).Contains(ParametersTag))
            {
                parametersIndex = i;
                break;
            }
        }
        if (parametersIndex < 0)
        {
            throw new NotebookParameterException(
                $"{notebook.SourceName}: -p was given but no code cell is tagged \"{ParametersTag}\" (add the tag to the cell that declares the defaults).");
        }

        var declarations = Declarations(Notebook.Source(copy.Cell(parametersIndex)));
        var code = new StringBuilder("// Injected by `alliance notebooks run -p`: these values replace the defaults above.\n");
        foreach (var (name, raw) in values)
        {
            var declaration = declarations.FirstOrDefault(d => d.Name == name)
                ?? throw new NotebookParameterException(
                    $"{notebook.SourceName}: parameter '{name}' is not declared in the cell tagged \"{ParametersTag}\" (cell {parametersIndex + 1}); " +
                    $"declared: {(declarations.Count == 0 ? "none" : string.Join(", ", declarations.Select(d => $"{d.Type} {d.Name}")))}.");
            code.Append(declaration.Type).Append(' ').Append(name).Append(" = ")
                .Append(Literal(declaration, raw, notebook.SourceName)).Append(";\n");
        }

        for (var i = cells.Count - 1; i >= 0; i--)
        {
            if (Notebook.Tags(copy.Cell(i)).Contains(InjectedTag))
            {
                cells.RemoveAt(i);
                if (i < parametersIndex) parametersIndex--;
            }
        }

        var injected = new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["metadata"] = new JsonObject { ["tags"] = new JsonArray(InjectedTag) },
            ["outputs"] = new JsonArray(),
            ["source"] = code.ToString().TrimEnd('\n'),
        };
        // nbformat 4.5 requires cell ids; a fixed one keeps re-runs byte-identical.
        if (copy.FormatMinor >= 5) injected["id"] = InjectedTag;
        cells.Insert(parametersIndex + 1, injected);
        return copy;
    }

    /// <summary>The simple typed declarations in a parameters cell (<c>var</c> is typed from its literal).</summary>
    public static IReadOnlyList<Declaration> Declarations(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, new CSharpParseOptions(LanguageVersion.Latest, kind: SourceCodeKind.Script));
        var result = new List<Declaration>();
        foreach (var declaration in tree.GetRoot().DescendantNodes().OfType<VariableDeclarationSyntax>())
        {
            if (declaration.Parent is not (FieldDeclarationSyntax or LocalDeclarationStatementSyntax)) continue;
            foreach (var variable in declaration.Variables)
            {
                var type = declaration.Type.IsVar
                    ? TypeOfLiteral(variable.Initializer?.Value)
                    : declaration.Type.ToString();
                if (type is not null) result.Add(new Declaration(variable.Identifier.ValueText, type));
            }
        }
        return result;
    }

    private static string? TypeOfLiteral(ExpressionSyntax? expression)
    {
        while (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.UnaryMinusExpression } minus) expression = minus.Operand;
        if (expression is not LiteralExpressionSyntax literal) return null;
        return literal.Token.Value switch
        {
            int => "int",
            long => "long",
            uint => "uint",
            ulong => "ulong",
            double => "double",
            float => "float",
            decimal => "decimal",
            bool => "bool",
            string => "string",
            char => "char",
            _ => null,
        };
    }

    private static string Literal(Declaration declaration, string raw, string notebook)
    {
        var invariant = CultureInfo.InvariantCulture;
        string Fail(string expected) => throw new NotebookParameterException(
            $"{notebook}: parameter '{declaration.Name}' is {declaration.Type}; '{raw}' is not {expected}.");
        switch (declaration.Type)
        {
            case "string" or "String" or "System.String":
                return SymbolDisplay.FormatLiteral(raw, quote: true);
            case "int" or "Int32":
                return int.TryParse(raw, NumberStyles.Integer, invariant, out var i) ? i.ToString(invariant) : Fail("a whole number");
            case "long" or "Int64":
                return long.TryParse(raw, NumberStyles.Integer, invariant, out var l) ? l.ToString(invariant) + "L" : Fail("a whole number");
            case "uint":
                return uint.TryParse(raw, NumberStyles.Integer, invariant, out var ui) ? ui.ToString(invariant) + "U" : Fail("a non-negative whole number");
            case "ulong":
                return ulong.TryParse(raw, NumberStyles.Integer, invariant, out var ul) ? ul.ToString(invariant) + "UL" : Fail("a non-negative whole number");
            case "double" or "Double":
                if (!double.TryParse(raw, NumberStyles.Float, invariant, out var d)) return Fail("a number (use '.' as decimal point)");
                return double.IsNaN(d) ? "double.NaN"
                    : double.IsPositiveInfinity(d) ? "double.PositiveInfinity"
                    : double.IsNegativeInfinity(d) ? "double.NegativeInfinity"
                    : d.ToString("R", invariant) + "d";
            case "float" or "Single":
                return float.TryParse(raw, NumberStyles.Float, invariant, out var f) && float.IsFinite(f)
                    ? f.ToString("R", invariant) + "f" : Fail("a finite number (use '.' as decimal point)");
            case "decimal" or "Decimal":
                return decimal.TryParse(raw, NumberStyles.Number, invariant, out var m) ? m.ToString(invariant) + "m" : Fail("a decimal number (use '.' as decimal point)");
            case "bool" or "Boolean":
                return bool.TryParse(raw, out var b) ? (b ? "true" : "false") : Fail("true or false");
            case "char" or "Char":
                return raw.Length == 1 ? SymbolDisplay.FormatLiteral(raw[0], quote: true) : Fail("a single character");
            default:
                throw new NotebookParameterException(
                    $"{notebook}: parameter '{declaration.Name}' has type {declaration.Type}, which -p cannot set; " +
                    "supported: string, int, long, uint, ulong, double, float, decimal, bool, char.");
        }
    }
}
