using System.Text.Json.Nodes;

namespace CrmBridge.Sandbox.Dataverse;

/// <summary>One webhook call a registered step asks for: the change, the service endpoint's address and authentication, the post images.</summary>
/// <param name="Change">The committed change.</param>
/// <param name="Url">The service endpoint's <c>url</c>.</param>
/// <param name="AuthType">The service endpoint's <c>authtype</c> (4 WebhookKey, 5 HttpHeader, 6 HttpQueryString).</param>
/// <param name="AuthValue">The service endpoint's <c>authvalue</c>.</param>
/// <param name="Mode">The step's mode (0 synchronous, 1 asynchronous).</param>
/// <param name="PostImages">The registered post images by entity alias, each with the columns it carries.</param>
internal sealed record WebhookDelivery(DataverseChangeEvent Change, Uri Url, int AuthType, string? AuthValue, int Mode, IReadOnlyDictionary<string, JsonObject> PostImages);
