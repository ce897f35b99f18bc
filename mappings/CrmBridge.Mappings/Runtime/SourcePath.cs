using System.Globalization;
using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>
/// A pre-split source path (<c>Account_Name.id</c>). Reading walks objects (and numeric indexes into arrays); when a
/// segment is not found, the rest of the path is tried as one key, so Dataverse annotations such as
/// <c>statuscode@OData.Community.Display.V1.FormattedValue</c> read without quoting.
/// </summary>
internal sealed class SourcePath
{
    private readonly string[] _segments;
    private readonly string[] _remainders;

    public SourcePath(string text)
    {
        Text = text;
        _segments = text.Split('.');
        _remainders = new string[_segments.Length];
        for (var i = 0; i < _segments.Length; i++)
        {
            _remainders[i] = string.Join('.', _segments, i, _segments.Length - i);
        }
    }

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    /// <summary>Reads the value: missing when a segment is absent, null when the value or an intermediate is null.</summary>
    public Cell Read(JsonObject source)
    {
        JsonNode? current = source;
        for (var i = 0; i < _segments.Length; i++)
        {
            switch (current)
            {
                case JsonObject obj:
                    if (obj.TryGetPropertyValue(_segments[i], out var child))
                    {
                        current = child;
                        continue;
                    }

                    if (i < _segments.Length - 1 && obj.TryGetPropertyValue(_remainders[i], out var whole))
                    {
                        return Cell.FromNode(whole);
                    }

                    return Cell.Missing;
                case JsonArray array when int.TryParse(_segments[i], NumberStyles.None, CultureInfo.InvariantCulture, out var index):
                    if (index >= array.Count)
                    {
                        return Cell.Missing;
                    }

                    current = array[index];
                    continue;
                case null:
                    return Cell.Null;
                default:
                    return Cell.Missing;
            }
        }

        return Cell.FromNode(current);
    }
}
