using System.Text.Json.Nodes;

namespace CrmBridge.Mappings.Runtime;

/// <summary>A pre-split target path; dotted names (<c>address.city</c>) create nested objects.</summary>
internal sealed class TargetPath
{
    private readonly string[] _segments;

    public TargetPath(string text)
    {
        Text = text;
        _segments = text.Split('.');
    }

    /// <summary>Gets the path as written.</summary>
    public string Text { get; }

    public void Write(JsonObject target, JsonNode? value)
    {
        var current = target;
        for (var i = 0; i < _segments.Length - 1; i++)
        {
            if (current[_segments[i]] is not JsonObject next)
            {
                next = new JsonObject();
                current[_segments[i]] = next;
            }

            current = next;
        }

        current[_segments[^1]] = value;
    }
}
