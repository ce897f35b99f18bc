using CrmBridge.Testing.State;

namespace CrmBridge.Pipeline.Sqlite.Tests;

public sealed class SqliteSyncStateStoreTests(SqliteSyncStateStoreFixture fixture) : SyncStateStoreContract<SqliteSyncStateStoreFixture>(fixture);
