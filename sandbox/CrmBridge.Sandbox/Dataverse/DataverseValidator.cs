using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>Turns a request body into a validated write, failing the way Dataverse does (unknown property, too long, bad choice, bad bind).</summary>
internal static class DataverseValidator
{
    private const string BindSuffix = "@odata.bind";

    public static DataverseWrite Validate(DataverseStore store, DataverseTable table, JsonObject body)
    {
        var write = new DataverseWrite();
        var schema = table.Schema;
        foreach (var (name, value) in body)
        {
            if (name.StartsWith('@') || (name.Contains('@', StringComparison.Ordinal) && !name.EndsWith(BindSuffix, StringComparison.Ordinal)))
            {
                continue; // instance annotations are ignored on write
            }

            if (name.EndsWith(BindSuffix, StringComparison.Ordinal))
            {
                Bind(store, table, name[..^BindSuffix.Length], value, write);
                continue;
            }

            var attribute = schema.Find(name);
            if (attribute is null || attribute.Type == DataverseAttributeType.Lookup)
            {
                throw new DataverseApiException(400, "0x80060888", $"Could not find a property named '{name}' on type 'Microsoft.Dynamics.CRM.{schema.LogicalName}'.");
            }

            write.Values[name] = Check(schema, attribute, value);
            write.Target[name] = value?.DeepClone();
        }

        return write;
    }

    private static JsonNode? Check(DataverseTableSchema schema, DataverseAttribute attribute, JsonNode? value)
    {
        if (value is null)
        {
            return null;
        }

        var kind = value.GetValueKind();
        switch (attribute.Type)
        {
            case DataverseAttributeType.String when kind == JsonValueKind.String:
                var text = value.GetValue<string>();
                if (text.Length > attribute.MaxLength)
                {
                    throw new DataverseApiException(400, "0x80044331",
                        $"A validation error occurred. The length of the '{attribute.Name}' attribute of the '{schema.LogicalName}' entity exceeded the maximum allowed length of '{attribute.MaxLength}'.");
                }

                return value.DeepClone();
            case DataverseAttributeType.Integer or DataverseAttributeType.OptionSet when kind == JsonValueKind.Number && value.AsValue().TryGetValue<int>(out var number):
                if (attribute.Options is not null && !attribute.Options.ContainsKey(number))
                {
                    throw new DataverseApiException(400, "0x8004431A",
                        $"Value {number} is outside the valid range for the '{attribute.Name}' choice column of '{schema.LogicalName}'.");
                }

                return number;
            case DataverseAttributeType.Decimal when kind == JsonValueKind.Number:
                return value.DeepClone();
            case DataverseAttributeType.Boolean when kind is JsonValueKind.True or JsonValueKind.False:
                return value.DeepClone();
            case DataverseAttributeType.DateTime when kind == JsonValueKind.String
                && DateTimeOffset.TryParse(value.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date):
                return date.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            default:
                throw new DataverseApiException(400, "0x80048d19",
                    $"Error identified in Payload provided by the user for Entity :'{schema.EntitySet}', Cannot convert the literal for the property '{attribute.Name}' to the expected type '{attribute.Type}'.");
        }
    }

    private static void Bind(DataverseStore store, DataverseTable table, string nav, JsonNode? value, DataverseWrite write)
    {
        var attribute = table.Schema.FindNavigation(nav)
            ?? throw new DataverseApiException(400, "0x80060888", $"An undeclared property '{nav}' which only has property annotations in the payload but no property value was found in the payload.");
        var readName = attribute.ReadName;
        if (value is null)
        {
            write.Values[readName] = null;
            write.Target[attribute.Name] = null;
            return;
        }

        var reference = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : string.Empty;
        var targetSet = attribute.Targets![nav];
        var prefix = "/" + targetSet + "(";
        var start = reference.IndexOf(prefix, StringComparison.Ordinal);
        if (start < 0 || !reference.EndsWith(')') || !Guid.TryParse(reference.AsSpan(start + prefix.Length, reference.Length - start - prefix.Length - 1), out var id))
        {
            throw new DataverseApiException(400, "0x80048d19", $"The bind reference for '{nav}' must be '/{targetSet}(<guid>)'.");
        }

        if (store.Find(store.Table(targetSet), id) is null)
        {
            throw DataverseApiException.NotFound(store.Table(targetSet).Schema.LogicalName, id.ToString());
        }

        write.Values[readName] = id.ToString();
        write.LookupTargets[readName] = targetSet;
        write.Target[attribute.Name] = new JsonObject { ["Id"] = id.ToString(), ["LogicalName"] = store.Table(targetSet).Schema.LogicalName };
    }
}
