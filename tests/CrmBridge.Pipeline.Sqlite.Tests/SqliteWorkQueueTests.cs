using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.Sqlite.Tests;

public sealed partial class SqliteWorkQueueTests(SqliteWorkQueueFixture fixture) : WorkQueueContract<SqliteWorkQueueFixture>(fixture);
