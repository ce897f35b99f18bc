using Azure.Data.Tables;

namespace CrmBridge.Pipeline.AzureStorage;

/// <summary>
/// Stores long text (an envelope with an inline snapshot) across several string properties: one property holds at most
/// 32 K UTF-16 characters, an entity up to 1 MiB.
/// </summary>
internal static class TableText
{
    private const int ChunkLength = 30_000;

    /// <summary>Writes <paramref name="text"/> as <c>{name}</c>, <c>{name}1</c>, <c>{name}2</c>, … .</summary>
    public static void Write(TableEntity entity, string name, string text)
    {
        var chunks = (text.Length + ChunkLength - 1) / ChunkLength;
        entity[name + "Chunks"] = Math.Max(1, chunks);
        for (var i = 0; i < Math.Max(1, chunks); i++)
        {
            var start = i * ChunkLength;
            entity[i == 0 ? name : name + i] = text.Substring(start, Math.Min(ChunkLength, text.Length - start));
        }
    }

    /// <summary>Reads text written by <see cref="Write"/>.</summary>
    public static string Read(TableEntity entity, string name)
    {
        var chunks = entity.GetInt32(name + "Chunks") ?? 1;
        return string.Concat(Enumerable.Range(0, chunks).Select(i => entity.GetString(i == 0 ? name : name + i) ?? ""));
    }
}
