namespace CrmBridge.Mappings.Runtime;

/// <summary>What a <see cref="Cell"/> holds.</summary>
internal enum CellKind : byte
{
    Missing = 0,
    Null,
    Node,
    Text,
    Number,
    Boolean,
}
