using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Attribute metadata as the metadata Web API shows and accepts it (<c>Microsoft.Dynamics.CRM.*AttributeMetadata</c>).</summary>
internal static partial class DataverseAttributeMetadata
{
    public static JsonObject Describe(DataverseTableSchema table, DataverseAttribute attribute)
    {
        var (odataType, type) = attribute.Type switch
        {
            DataverseAttributeType.String when attribute.MaxLength > 4000 || attribute.Name is "description" => ("Memo", "Memo"),
            DataverseAttributeType.String => ("String", "String"),
            DataverseAttributeType.Integer => ("Integer", "Integer"),
            DataverseAttributeType.Decimal => ("Decimal", "Decimal"),
            DataverseAttributeType.DateTime => ("DateTime", "DateTime"),
            DataverseAttributeType.Boolean => ("Boolean", "Boolean"),
            DataverseAttributeType.OptionSet => ("Picklist", "Picklist"),
            _ => ("Lookup", "Lookup"),
        };
        var body = new JsonObject
        {
            ["@odata.type"] = $"#Microsoft.Dynamics.CRM.{odataType}AttributeMetadata",
            ["MetadataId"] = AttributeId(table, attribute).ToString(),
            ["LogicalName"] = attribute.Name,
            ["SchemaName"] = attribute.Name,
            ["AttributeType"] = type,
            ["AttributeTypeName"] = new JsonObject { ["Value"] = type + "Type" },
            ["IsCustomAttribute"] = attribute.Custom || attribute.Name.StartsWith("new_", StringComparison.Ordinal),
            ["IsValidForRead"] = attribute.Readable,
        };
        if (attribute.Type == DataverseAttributeType.String)
        {
            body["MaxLength"] = attribute.MaxLength;
        }

        return body;
    }

    /// <summary>Reads a column definition from a POST body; rejects what Dataverse rejects (no prefix, unknown type, bad length).</summary>
    public static DataverseAttribute Parse(DataverseTableSchema table, JsonObject definition)
    {
        var schemaName = definition["SchemaName"]?.ToString();
        if (string.IsNullOrEmpty(schemaName) || !PrefixedName().IsMatch(schemaName))
        {
            throw new DataverseApiException(400, "0x80044331", $"The SchemaName '{schemaName}' must start with a customization prefix and an underscore (for example new_Name).");
        }

        var odataType = definition["@odata.type"]?.ToString()?.TrimStart('#');
        var maxLength = definition["MaxLength"] is JsonValue m && m.TryGetValue<int>(out var length) ? length : 100;
        var type = odataType switch
        {
            "Microsoft.Dynamics.CRM.StringAttributeMetadata" when maxLength is >= 1 and <= 4000 => DataverseAttributeType.String,
            "Microsoft.Dynamics.CRM.MemoAttributeMetadata" when maxLength is >= 1 and <= 1048576 => DataverseAttributeType.String,
            "Microsoft.Dynamics.CRM.DateTimeAttributeMetadata" => DataverseAttributeType.DateTime,
            "Microsoft.Dynamics.CRM.IntegerAttributeMetadata" => DataverseAttributeType.Integer,
            "Microsoft.Dynamics.CRM.DecimalAttributeMetadata" => DataverseAttributeType.Decimal,
            "Microsoft.Dynamics.CRM.BooleanAttributeMetadata" => DataverseAttributeType.Boolean,
            _ => throw new DataverseApiException(400, "0x80048d19",
                $"Cannot create a column of type '{odataType}' with MaxLength {maxLength} on '{table.LogicalName}' (the emulator supports String ≤4000, Memo, DateTime, Integer, Decimal, Boolean)."),
        };
        return new DataverseAttribute(schemaName.ToLowerInvariant(), type, maxLength, Custom: true);
    }

    public static DataverseApiException MissingPrivilege(Guid user, string privilege) =>
        new(403, "0x80040220", $"Principal user (Id={user}, type=8) is missing {privilege} privilege.");

    public static Guid TableId(DataverseTableSchema table) => Stable(table.LogicalName);

    public static Guid AttributeId(DataverseTableSchema table, DataverseAttribute attribute) => Stable(table.LogicalName + "." + attribute.Name);

    private static Guid Stable(string text) => new(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9]{1,7}_[A-Za-z0-9_]+$")]
    private static partial Regex PrefixedName();
}
