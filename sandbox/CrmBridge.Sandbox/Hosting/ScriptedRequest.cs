namespace CrmBridge.Sandbox.Hosting;

/// <summary>A request received by a <see cref="ScriptedServer"/>.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="PathAndQuery">The path with the query string, e.g. <c>/api/data/v9.2/accounts?$select=name</c>.</param>
/// <param name="Headers">The request headers.</param>
/// <param name="Body">The request body as text.</param>
public sealed record ScriptedRequest(string Method, string PathAndQuery, IReadOnlyDictionary<string, string> Headers, string Body);
