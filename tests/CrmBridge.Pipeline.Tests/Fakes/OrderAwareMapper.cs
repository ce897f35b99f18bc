using System.Text.Json.Nodes;
using CrmBridge.Mappings.Abstractions;

namespace CrmBridge.Pipeline.Tests.Fakes;

/// <summary>
/// A small hand-written mapper for stage tests: accounts map name → name (a missing name is a mapping error); orders map
/// number and resolve <c>accountId</c> through the <c>customer</c> lookup; orders with status Draft are filtered.
/// </summary>
internal sealed class OrderAwareMapper(IReadOnlyList<SyncRoute> routes) : IRecordMapper
{
    public IReadOnlyList<SyncRoute> Routes { get; } = routes;

    public MapResult Map(SyncRoute route, JsonObject source, ILookupResolver lookups)
    {
        var key = source[route.SourceKeyField]?.ToString();
        if (route.SourceEntity == "accounts")
        {
            var name = source["name"]?.ToString();
            return string.IsNullOrEmpty(name)
                ? MapResult.Failed([new MappingError("name", "name", "REQUIRED", "a value is required")])
                : MapResult.Mapped(new JsonObject { [route.TargetKeyField] = key, ["name"] = name });
        }

        if (source["status"]?.ToString() == "Draft")
        {
            return MapResult.Filtered("status in [Confirmed]");
        }

        var accountId = source["accountId"]!.ToString();
        if (!lookups.TryResolve("customer", accountId, out var customerId))
        {
            return MapResult.Missing([new MissingLookup("customer", accountId, "customerId")]);
        }

        return MapResult.Mapped(new JsonObject { [route.TargetKeyField] = key, ["orderNumber"] = source["number"]?.ToString(), ["customerId"] = customerId });
    }
}
