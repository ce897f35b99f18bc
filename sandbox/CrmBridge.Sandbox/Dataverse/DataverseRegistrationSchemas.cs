namespace CrmBridge.Sandbox.Dataverse;

/// <summary>
/// The event-registration tables, as Microsoft's table reference documents them (learn.microsoft.com/power-apps/developer/data-platform/reference/entities/…):
/// <c>serviceendpoint</c> (contract 8 = Webhook; authtype 4 WebhookKey, 5 HttpHeader, 6 HttpQueryString; <c>authvalue</c>
/// not readable), <c>sdkmessage</c>, <c>sdkmessagefilter</c> (<c>primaryobjecttypecode</c> = table logical name),
/// <c>sdkmessageprocessingstep</c> (mode 0 sync / 1 async; stage 10 pre-validation, 20 pre-operation, 40 post-operation;
/// <c>filteringattributes</c> comma-separated; <c>eventhandler</c> bound as <c>eventhandler_serviceendpoint</c>) and
/// <c>sdkmessageprocessingstepimage</c> (imagetype 0 pre, 1 post, 2 both). Only the columns CrmBridge and the tests use.
/// </summary>
internal static class DataverseRegistrationSchemas
{
    public const string Endpoints = "serviceendpoints";
    public const string Messages = "sdkmessages";
    public const string Filters = "sdkmessagefilters";
    public const string Steps = "sdkmessageprocessingsteps";
    public const string Images = "sdkmessageprocessingstepimages";

    /// <summary>The privilege suffix per registration table (<c>prvCreate</c>/<c>prvWrite</c>/<c>prvDelete</c> + this).</summary>
    public static readonly IReadOnlyDictionary<string, string> PrivilegeNames = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["serviceendpoint"] = "ServiceEndpoint",
        ["sdkmessageprocessingstep"] = "SdkMessageProcessingStep",
        ["sdkmessageprocessingstepimage"] = "SdkMessageProcessingStepImage",
    };

    public static IReadOnlyList<DataverseTableSchema> All() =>
    [
        new(Endpoints, "serviceendpoint", "serviceendpointid", "name", [],
        [
            S("name", 256), S("description", 256), S("url", 2000), S("namespaceaddress", 2000),
            O("contract", new() { [1] = "OneWay", [2] = "Queue", [3] = "Rest", [4] = "TwoWay", [5] = "Topic", [6] = "Queue (Persistent)", [7] = "Event Hub", [8] = "Webhook", [9] = "Event Grid" }),
            O("authtype", new() { [1] = "ACS", [2] = "SAS Key", [3] = "SAS Token", [4] = "Webhook Key", [5] = "Http Header", [6] = "Http Query String", [7] = "Connection String", [8] = "Access Key" }),
            new("authvalue", DataverseAttributeType.String, 2048, Readable: false),
        ], ChangeTracking: false),
        new(Messages, "sdkmessage", "sdkmessageid", "name", [], [S("name", 256)], ChangeTracking: false),
        new(Filters, "sdkmessagefilter", "sdkmessagefilterid", "primaryobjecttypecode", [],
        [
            S("primaryobjecttypecode", 100), Lookup("sdkmessageid", Messages),
        ], ChangeTracking: false),
        new(Steps, "sdkmessageprocessingstep", "sdkmessageprocessingstepid", "name", [],
        [
            S("name", 256), S("description", 256), S("filteringattributes", 100000), S("configuration", 100000),
            O("mode", new() { [0] = "Synchronous", [1] = "Asynchronous" }),
            O("stage", new() { [10] = "Pre-validation", [20] = "Pre-operation", [40] = "Post-operation" }),
            O("supporteddeployment", new() { [0] = "Server Only", [1] = "Microsoft Dynamics 365 Client for Outlook Only", [2] = "Both" }),
            new("rank", DataverseAttributeType.Integer), new("asyncautodelete", DataverseAttributeType.Boolean),
            O("statecode", new() { [0] = "Enabled", [1] = "Disabled" }), O("statuscode", new() { [1] = "Enabled", [2] = "Disabled" }),
            Lookup("sdkmessageid", Messages), Lookup("sdkmessagefilterid", Filters),
            new("eventhandler", DataverseAttributeType.Lookup, Targets: new Dictionary<string, string> { ["eventhandler_serviceendpoint"] = Endpoints }),
        ], ChangeTracking: false),
        new(Images, "sdkmessageprocessingstepimage", "sdkmessageprocessingstepimageid", "name", [],
        [
            S("name", 256), S("description", 256), S("entityalias", 256), S("messagepropertyname", 256), S("attributes", 100000),
            O("imagetype", new() { [0] = "PreImage", [1] = "PostImage", [2] = "Both" }),
            Lookup("sdkmessageprocessingstepid", Steps),
        ], ChangeTracking: false),
    ];

    private static DataverseAttribute S(string name, int max) => new(name, DataverseAttributeType.String, max);

    private static DataverseAttribute O(string name, Dictionary<int, string> options) => new(name, DataverseAttributeType.OptionSet, Options: options);

    private static DataverseAttribute Lookup(string name, string targetSet) =>
        new(name, DataverseAttributeType.Lookup, Targets: new Dictionary<string, string> { [name] = targetSet });
}
