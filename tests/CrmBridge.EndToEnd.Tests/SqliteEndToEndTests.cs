namespace CrmBridge.EndToEnd.Tests;

public sealed class SqliteEndToEndTests : EndToEndScenarios<SqliteStorageUnderTest>;
