namespace CrmBridge.Connectors.BusinessCentral.Tests;

/// <summary>A clock tests set freely, backwards too (FakeTimeProvider only moves forward): a late commit carries an earlier timestamp.</summary>
internal sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = start;

    public override DateTimeOffset GetUtcNow() => Now;
}
