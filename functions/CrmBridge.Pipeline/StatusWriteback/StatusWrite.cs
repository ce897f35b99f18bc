using CrmBridge.Connectors;
using CrmBridge.Mappings.Abstractions;
using CrmBridge.Pipeline.Queueing;

namespace CrmBridge.Pipeline.StatusWriteback;

/// <summary>One status write ready to send: the update request, and the memory kept once the CRM accepted it.</summary>
/// <param name="Envelope">The status envelope.</param>
/// <param name="Route">The route whose outcome it is.</param>
/// <param name="Request">The update of the source record, keyed by its id.</param>
/// <param name="Memory">What to remember after the write (its version is filled in from the CRM's answer).</param>
internal sealed record StatusWrite(ChangeEnvelope Envelope, SyncRoute Route, UpsertRequest Request, StatusMemory Memory);
