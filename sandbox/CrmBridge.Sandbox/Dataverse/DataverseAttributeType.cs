namespace CrmBridge.Sandbox.Dataverse;

/// <summary>The column types the emulator validates.</summary>
public enum DataverseAttributeType
{
    /// <summary>Text with a maximum length.</summary>
    String = 0,

    /// <summary>Whole number.</summary>
    Integer = 1,

    /// <summary>Decimal or currency number.</summary>
    Decimal = 2,

    /// <summary>Date and time (ISO-8601 on the wire).</summary>
    DateTime = 3,

    /// <summary>Yes/no.</summary>
    Boolean = 4,

    /// <summary>Choice (option set): an integer from a fixed list with labels.</summary>
    OptionSet = 5,

    /// <summary>Lookup: read as <c>_name_value</c>, written with <c>nav@odata.bind</c>.</summary>
    Lookup = 6,
}
