using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>
/// A value moving through a field rule. Source values stay as their <see cref="JsonNode"/> until a transform needs
/// them as text or a number, so a plain copy costs one clone and no conversions.
/// </summary>
internal readonly struct Cell
{
    private Cell(CellKind kind, JsonNode? node, string? text, decimal number, bool flag)
    {
        Kind = kind;
        Node = node;
        Text = text;
        Number = number;
        Flag = flag;
    }

    public static Cell Missing => default;

    public static Cell Null => new(CellKind.Null, null, null, 0, false);

    public CellKind Kind { get; }

    public JsonNode? Node { get; }

    public string? Text { get; }

    public decimal Number { get; }

    public bool Flag { get; }

    /// <summary>Gets a value indicating whether the cell is missing, null or empty text.</summary>
    public bool IsEmpty => Kind switch
    {
        CellKind.Missing or CellKind.Null => true,
        CellKind.Text => Text!.Length == 0,
        CellKind.Node => Node is JsonValue v && v.GetValueKind() == JsonValueKind.String && JsonValues.StringOf(v).Length == 0,
        _ => false,
    };

    public static Cell FromNode(JsonNode? node) => node is null ? Null : new(CellKind.Node, node, null, 0, false);

    public static Cell FromText(string text) => new(CellKind.Text, null, text, 0, false);

    public static Cell FromNumber(decimal number) => new(CellKind.Number, null, null, number, false);

    public static Cell FromBoolean(bool flag) => new(CellKind.Boolean, null, null, 0, flag);

    /// <summary>Gets the value as text: JSON strings as-is, numbers in invariant form, booleans as true/false.</summary>
    public bool TryGetText(out string text)
    {
        switch (Kind)
        {
            case CellKind.Text:
                text = Text!;
                return true;
            case CellKind.Number:
                text = Number.ToString(CultureInfo.InvariantCulture);
                return true;
            case CellKind.Boolean:
                text = Flag ? "true" : "false";
                return true;
            case CellKind.Node when Node is JsonValue value:
                return JsonValues.TryGetText(value, out text);
            default:
                text = string.Empty;
                return false;
        }
    }

    /// <summary>Gets the value as a number: JSON numbers and invariant number text ("100.01").</summary>
    public bool TryGetNumber(out decimal number)
    {
        switch (Kind)
        {
            case CellKind.Number:
                number = Number;
                return true;
            case CellKind.Text:
                return JsonValues.TryParseNumber(Text!, out number);
            case CellKind.Node when Node is JsonValue value:
                return JsonValues.TryGetNumber(value, out number);
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Creates the output node (a clone of a source node, so the source document is never re-parented).</summary>
    public JsonNode? ToNode() => Kind switch
    {
        CellKind.Node => Node!.DeepClone(),
        CellKind.Text => JsonValue.Create(Text),
        CellKind.Number => JsonValue.Create(Number),
        CellKind.Boolean => JsonValue.Create(Flag),
        _ => null,
    };
}
