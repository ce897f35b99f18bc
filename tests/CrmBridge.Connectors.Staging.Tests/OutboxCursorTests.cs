using Xunit;

namespace CrmBridge.Connectors.Staging.Tests;

/// <summary>The overlap cursor's arithmetic, without a database.</summary>
public sealed class OutboxCursorTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.Parse("2026-11-28T05:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(2);

    [Fact]
    public void Advance_ContiguousRows_FloorMovesToLastWithoutGap()
    {
        var (next, _, _) = new OutboxCursor(3, 3, 0).Advance([4, 5, 6], Now, Window);

        Assert.Equal(new OutboxCursor(6, 6, 0), next);
        Assert.False(next.HasGap);
    }

    [Fact]
    public void Advance_RowsAfterGap_FloorStaysBeforeGapAndClockStarts()
    {
        var (next, _, _) = new OutboxCursor(3, 3, 0).Advance([4, 6, 7], Now, Window);

        Assert.Equal(new OutboxCursor(4, 7, Now.ToUnixTimeMilliseconds()), next);
    }

    [Fact]
    public void Advance_GapFilledByLateCommit_FloorMovesOverIt()
    {
        var pending = new OutboxCursor(4, 7, Now.ToUnixTimeMilliseconds());

        var (next, from, to) = pending.Advance([5, 6, 7], Now.AddSeconds(5), Window);

        Assert.Equal(new OutboxCursor(7, 7, 0), next);
        Assert.True(to < from);
    }

    [Fact]
    public void Advance_GapOpenWithinWindow_KeepsItsFirstSeenClock()
    {
        var pending = new OutboxCursor(4, 7, Now.ToUnixTimeMilliseconds());

        var (next, _, _) = pending.Advance([6, 7, 8, 10], Now.AddSeconds(30), Window);

        Assert.Equal(pending, next);
    }

    [Fact]
    public void Advance_GapOlderThanWindow_SkipsUpToTheHighSeenThenAndWatchesNewerGaps()
    {
        var pending = new OutboxCursor(4, 7, Now.ToUnixTimeMilliseconds());
        var later = Now.Add(Window).AddSeconds(1);

        var (next, from, to) = pending.Advance([6, 7, 8, 10], later, Window);

        Assert.Equal((5L, 7L), (from, to));
        Assert.Equal(new OutboxCursor(8, 10, later.ToUnixTimeMilliseconds()), next);
    }

    [Fact]
    public void Parse_TextForm_RoundTrips()
    {
        var cursor = new OutboxCursor(12, 15, 1_764_000_000_000);

        Assert.Equal(cursor, OutboxCursor.Parse(cursor.ToString(), "staging", "sales_order"));
        Assert.Equal(new OutboxCursor(42, 42, 0), OutboxCursor.Parse("42", "staging", "sales_order"));
        Assert.Equal(default, OutboxCursor.Parse(null, "staging", "sales_order"));
    }

    [Fact]
    public void Parse_Garbage_ThrowsCheckpointExpired()
    {
        var error = Assert.Throws<ConnectorException>(() => OutboxCursor.Parse("delta-token-from-elsewhere", "staging", "sales_order"));

        Assert.Equal(ErrorKind.CheckpointExpired, error.Kind);
    }
}
