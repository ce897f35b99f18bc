using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// The column-definition part of the metadata Web API ("Create and update column definitions using the Web API"):
/// <c>GET EntityDefinitions(LogicalName='account')/Attributes[?$select=LogicalName,…]</c> lists a table's columns and
/// <c>POST</c> to the same address adds one (String, Memo, DateTime, Integer, Decimal, Boolean attribute metadata with a
/// prefixed <c>SchemaName</c>), answering 204 with the new column's address in <c>OData-EntityId</c>. The column is
/// usable at once (real Dataverse too, for API access; forms need a publish).
/// </summary>
internal sealed partial class DataverseMetadataApi
{
    private readonly DataverseStore _store;
    private readonly DataverseSandboxOptions _options;
    private readonly Func<Uri> _baseAddress;

    public DataverseMetadataApi(DataverseStore store, DataverseSandboxOptions options, Func<Uri> baseAddress)
    {
        _store = store;
        _options = options;
        _baseAddress = baseAddress;
    }

    public static bool Handles(string path) => path.StartsWith("EntityDefinitions(", StringComparison.Ordinal);

    public DataverseResponse Handle(DataverseRequest request, string path, IReadOnlyDictionary<string, string> query, Guid user)
    {
        var match = AttributesPath().Match(path);
        if (!match.Success)
        {
            throw new DataverseApiException(404, "0x80060888", $"Resource not found for the segment '{path}'.");
        }

        var logicalName = match.Groups[1].Value;
        var table = _store.TableByLogicalName(logicalName)
            ?? throw new DataverseApiException(404, "0x80040217", $"Could not find entity with logical name '{logicalName}'.");
        return request.Method switch
        {
            "GET" => List(table, query),
            "POST" => Create(table, request.Body, user),
            _ => throw new DataverseApiException(405, "0x80060888", $"{request.Method} is not supported on Attributes."),
        };
    }

    private DataverseResponse List(DataverseTable table, IReadOnlyDictionary<string, string> query)
    {
        var select = query.TryGetValue("$select", out var s) ? s.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) : null;
        var value = new JsonArray();
        lock (_store.Gate)
        {
            foreach (var attribute in table.Schema.Attributes)
            {
                var full = DataverseAttributeMetadata.Describe(table.Schema, attribute);
                value.Add(select is null ? full : Pick(full, select));
            }
        }

        return new DataverseResponse(200, new JsonObject
        {
            ["@odata.context"] = $"{_baseAddress()}$metadata#EntityDefinitions('{table.Schema.LogicalName}')/Attributes",
            ["value"] = value,
        });
    }

    private DataverseResponse Create(DataverseTable table, string body, Guid user)
    {
        if (_options.DeniedPrivileges.Contains("prvCreateAttribute"))
        {
            throw DataverseAttributeMetadata.MissingPrivilege(user, "prvCreateAttribute");
        }

        JsonObject definition;
        try
        {
            definition = JsonNode.Parse(body) as JsonObject ?? throw new DataverseApiException(400, "0x80048d19", "The request body must be a JSON object.");
        }
        catch (JsonException error)
        {
            throw new DataverseApiException(400, "0x80048d19", $"Error identified in Payload provided by the user: {error.Message}");
        }

        var attribute = DataverseAttributeMetadata.Parse(table.Schema, definition);
        lock (_store.Gate)
        {
            if (table.Schema.Find(attribute.Name) is not null)
            {
                // Code UNCONFIRMED: the documentation shows no duplicate-column example; the message follows the platform's wording.
                throw new DataverseApiException(400, "0x80044363", $"An attribute with the specified name {attribute.Name} already exists. Please specify a unique name.");
            }

            var s = table.Schema;
            table.Schema = new DataverseTableSchema(s.EntitySet, s.LogicalName, s.IdField, s.PrimaryNameField, s.AlternateKey, [.. s.Attributes, attribute], s.ChangeTracking);
        }

        var response = new DataverseResponse(204);
        response.Headers["OData-EntityId"] = $"{_baseAddress()}EntityDefinitions({DataverseAttributeMetadata.TableId(table.Schema)})/Attributes({DataverseAttributeMetadata.AttributeId(table.Schema, attribute)})";
        return response;
    }

    private static JsonObject Pick(JsonObject full, string[] select)
    {
        var picked = new JsonObject { ["@odata.type"] = full["@odata.type"]?.DeepClone() };
        foreach (var name in select)
        {
            picked[name] = full[name]?.DeepClone();
        }

        picked["MetadataId"] = full["MetadataId"]?.DeepClone();
        return picked;
    }

    [GeneratedRegex("^EntityDefinitions\\(LogicalName='([a-z0-9_]+)'\\)/Attributes$")]
    private static partial Regex AttributesPath();
}
