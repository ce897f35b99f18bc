using CrmBridge.Testing.Queueing;

namespace CrmBridge.Pipeline.Sqlite.Tests;

public sealed class SqliteClaimCheckStoreTests(SqliteClaimCheckStoreFixture fixture) : ClaimCheckStoreContract<SqliteClaimCheckStoreFixture>(fixture);
