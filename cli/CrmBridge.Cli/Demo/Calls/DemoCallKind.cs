namespace CrmBridge.Cli.Demo.Calls;

/// <summary>What an API call the bridge made during the demo was for.</summary>
internal enum DemoCallKind
{
    /// <summary>A change poll that returned no change: the polling floor, paid per minute whatever the number of records.</summary>
    IdlePoll,

    /// <summary>A change poll that returned changes (its pages, and reads of further field sets of the same records).</summary>
    ChangeRead,

    /// <summary>A read of child rows (order lines) made while reading changed records.</summary>
    LineRead,

    /// <summary>
    /// A change poll whose changes are all versions the bridge itself wrote to that system (and the line reads made with
    /// it): how a polling sync sees its own writes (the sync status written onto CRM records, the target's echo of a
    /// delivery). Reported apart from the reads of the records.
    /// </summary>
    EchoRead,

    /// <summary>A read of records by id (a webhook's record, the missing references of a batch).</summary>
    Lookup,

    /// <summary>A write (upsert, batch, delete).</summary>
    Write,

    /// <summary>A token request.</summary>
    Auth,

    /// <summary>A call made outside any connector operation (e.g. a health probe).</summary>
    Other,

    /// <summary>Not a call: the records handed to write operations (their count over <see cref="Write"/> is the average batch).</summary>
    RecordWritten,
}
