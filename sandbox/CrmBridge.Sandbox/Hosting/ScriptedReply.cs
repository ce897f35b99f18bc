namespace CrmBridge.Sandbox.Hosting;

/// <summary>A canned reply of a <see cref="ScriptedServer"/>.</summary>
/// <param name="Status">The HTTP status.</param>
/// <param name="Body">The body text (a documentation example, usually read from a fixture file).</param>
/// <param name="ContentType">The Content-Type header.</param>
/// <param name="Headers">Further response headers, if any.</param>
public sealed record ScriptedReply(int Status, string Body, string ContentType = "application/json; odata.metadata=minimal", IReadOnlyDictionary<string, string>? Headers = null)
{
    /// <summary>A JSON reply.</summary>
    /// <param name="body">The JSON text.</param>
    /// <param name="status">The HTTP status; default 200.</param>
    /// <returns>The reply.</returns>
    public static ScriptedReply Json(string body, int status = 200) => new(status, body);
}
