namespace CrmBridge.Sandbox.Fxiaoke;

/// <summary>Orders records by (last_modified_time, _id), the change-feed order.</summary>
/// <param name="Time">last_modified_time in epoch ms.</param>
/// <param name="Id">The record's _id.</param>
internal readonly record struct FxiaokeRecordKey(long Time, string Id) : IComparable<FxiaokeRecordKey>
{
    public int CompareTo(FxiaokeRecordKey other)
    {
        var byTime = Time.CompareTo(other.Time);
        return byTime != 0 ? byTime : string.CompareOrdinal(Id, other.Id);
    }
}
