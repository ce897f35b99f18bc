namespace CrmBridge.Connectors;

/// <summary>
/// Marks a connector whose record versions change with every write (a row version or a counter: Dataverse
/// <c>versionnumber</c>, the reference ERP's <c>version</c>), so that two writes never share a version and an equal
/// version means the same write. Connectors whose versions are modification times (Zoho <c>Modified_Time</c>, in
/// seconds; Fxiaoke <c>last_modified_time</c>) must not implement it: two edits in one second share a version there, and
/// the pipeline then compares content instead of trusting the version (echo detection, same-version re-reads).
/// </summary>
public interface IExactVersions
{
}
