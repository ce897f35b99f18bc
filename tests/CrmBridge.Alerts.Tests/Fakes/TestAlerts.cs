namespace CrmBridge.Alerts.Tests.Fakes;

/// <summary>Sample alerts.</summary>
internal static class TestAlerts
{
    public static readonly DateTimeOffset At = new(2026, 11, 28, 6, 0, 0, TimeSpan.Zero);

    public static Alert DeadLetters(int count = 12) => new(
        "deadletters:orders-to-erp",
        AlertKind.DeadLetters,
        $"{count} new failed records on route orders-to-erp in the last 10 minutes",
        "List them with `crmbridge deadletters list --system dataverse`, fix the cause, then replay them.",
        [new("Route", "orders-to-erp"), new("Top reasons", "HTTP_400 ×7, MAPPING_FAILED ×5")],
        Recovery: false,
        At);

    public static Alert CircuitClosed() => new(
        "circuit:erp", AlertKind.Circuit, "Circuit to erp closed: deliveries resumed", "erp answers again.", [new("System", "erp")], Recovery: true, At);
}
