namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>The value kinds the emulator validates on writes, as the OpenAPI's field-value guide describes them.</summary>
internal enum FxiaokeFieldKind
{
    /// <summary>Text: a JSON string.</summary>
    Text = 0,

    /// <summary>Number or currency: a numeric JSON string such as "100.01" (JSON numbers are rejected).</summary>
    Number = 1,

    /// <summary>Date or date-time: epoch milliseconds as a JSON integer.</summary>
    Date = 2,

    /// <summary>Single-select: one of the field's option values (a string).</summary>
    Select = 3,

    /// <summary>Lookup: the _id of an existing, valid record of the target object.</summary>
    Lookup = 4,
}
