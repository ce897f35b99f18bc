using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace CrmBridge.Mappings.Loading;

/// <summary>
/// Reads YAML into a <see cref="JsonNode"/> tree from the parser's events, remembering each node's line, so both the
/// JSON Schema and the semantic checks can name file, line and rule. Duplicate and non-scalar keys are reported, not thrown.
/// Size, nesting depth and alias expansion are bounded (<see cref="MappingLimits"/>): past a bound the file is reported
/// with one line and not read further.
/// </summary>
internal sealed partial class YamlTreeReader
{
    private readonly SourceMap _map;
    private readonly List<MappingDiagnostic> _diagnostics;
    private readonly Dictionary<string, (JsonNode? Node, int Count)> _anchors = new(StringComparer.Ordinal);
    private IParser _parser = null!;
    private int _nodes;

    private YamlTreeReader(SourceMap map, List<MappingDiagnostic> diagnostics)
    {
        _map = map;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads the first YAML document of a text.</summary>
    /// <returns>The document root (null for an empty file or a syntax error, which is reported).</returns>
    public static JsonNode? Read(string text, SourceMap map, List<MappingDiagnostic> diagnostics)
    {
        var reader = new YamlTreeReader(map, diagnostics);
        if (text.Length > MappingLimits.MaxFileBytes)
        {
            diagnostics.Add(new MappingDiagnostic(map.File, 0, string.Empty, $"the file is larger than {MappingLimits.MaxFileBytes / 1024} KiB; split it into several mapping files"));
            return null;
        }

        var scanner = new Scanner(new StringReader(text));
        try
        {
            reader._parser = new Parser(scanner);
            reader._parser.Consume<StreamStart>();
            if (!reader._parser.TryConsume<DocumentStart>(out _))
            {
                return null;
            }

            return reader.ReadNode(string.Empty, string.Empty, 0);
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(new MappingDiagnostic(map.File, ex.Line, string.Empty, ex.Message));
            return null;
        }
        catch (YamlException ex)
        {
            diagnostics.Add(new MappingDiagnostic(map.File, (int)ex.Start.Line, string.Empty, "YAML syntax error: " + ex.Message));
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (not a YamlException) on some unterminated flow mappings, e.g. a rule
            // written `{ from: Name, required: true` without its closing brace; the scanner still knows where it stopped.
            var line = Math.Max(1, (int)scanner.CurrentPosition.Line);
            diagnostics.Add(new MappingDiagnostic(map.File, line, string.Empty, "YAML syntax error: unterminated flow mapping or sequence (a '{' or '[' without its closing '}' or ']' on this line or before it)"));
            return null;
        }
    }

    private JsonNode? ReadNode(string pointer, string path, int depth)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of the document");
        var line = (int)current.Start.Line;
        if (depth > MappingLimits.MaxDepth)
        {
            throw new LimitExceededException(line, $"nesting deeper than {MappingLimits.MaxDepth} levels; a mapping needs only a few");
        }

        Count(1, line);
        if (!_map.Contains(pointer))
        {
            _map.Add(pointer, line, path);
        }

        JsonNode? node;
        switch (current)
        {
            case AnchorAlias alias:
                _parser.MoveNext();
                if (!_anchors.TryGetValue(alias.Value.Value, out var target))
                {
                    return null;
                }

                // Counted before copying: the copy is what would exhaust memory.
                Count(target.Count - 1, line);
                return target.Node?.DeepClone();
            case Scalar scalar:
                _parser.MoveNext();
                node = ToValue(scalar);
                Remember(scalar.Anchor, node);
                return node;
            case SequenceStart start:
                _parser.MoveNext();
                node = ReadSequence(pointer, path, depth);
                Remember(start.Anchor, node);
                return node;
            case MappingStart start:
                _parser.MoveNext();
                node = ReadMapping(pointer, path, depth);
                Remember(start.Anchor, node);
                return node;
            default:
                throw new YamlException(current.Start, current.End, "unexpected " + current.GetType().Name);
        }
    }

    private JsonArray ReadSequence(string pointer, string path, int depth)
    {
        var array = new JsonArray();
        while (!_parser.TryConsume<SequenceEnd>(out _))
        {
            var index = array.Count.ToString(CultureInfo.InvariantCulture);
            array.Add(ReadNode(SourceMap.Child(pointer, index), $"{path}[{index}]", depth + 1));
        }

        return array;
    }

    private JsonObject ReadMapping(string pointer, string path, int depth)
    {
        var obj = new JsonObject();
        while (!_parser.TryConsume<MappingEnd>(out _))
        {
            var keyEvent = _parser.Current!;
            if (keyEvent is not Scalar key)
            {
                _diagnostics.Add(new MappingDiagnostic(_map.File, (int)keyEvent.Start.Line, path, "keys must be plain values (text or numbers), not lists or objects"));
                SkipNode();
                SkipNode();
                continue;
            }

            _parser.MoveNext();
            var childPointer = SourceMap.Child(pointer, key.Value);
            var childPath = SourceMap.ChildPath(path, key.Value);
            if (obj.ContainsKey(key.Value))
            {
                _diagnostics.Add(new MappingDiagnostic(_map.File, (int)key.Start.Line, childPath, $"duplicate key '{key.Value}' (the first is on line {_map.LineOf(childPointer)})"));
                SkipNode();
                continue;
            }

            _map.Add(childPointer, (int)key.Start.Line, childPath);
            obj[key.Value] = ReadNode(childPointer, childPath, depth + 1);
        }

        return obj;
    }

    private void SkipNode()
    {
        var depth = 0;
        do
        {
            var current = _parser.Current!;
            if (current is SequenceStart or MappingStart)
            {
                depth++;
            }
            else if (current is SequenceEnd or MappingEnd)
            {
                depth--;
            }

            _parser.MoveNext();
        }
        while (depth > 0);
    }

    private void Remember(AnchorName anchor, JsonNode? node)
    {
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, Size(node));
        }
    }

    private void Count(int nodes, int line)
    {
        _nodes += nodes;
        if (_nodes > MappingLimits.MaxNodes)
        {
            throw new LimitExceededException(line, $"the file expands to more than {MappingLimits.MaxNodes:N0} values (YAML aliases copy what they point to); use fewer or smaller aliases");
        }
    }

    // Depth is bounded by MaxDepth, so this recursion is too.
    private static int Size(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => Size(p.Value)),
        JsonArray a => 1 + a.Sum(Size),
        _ => 1,
    };

    private sealed class LimitExceededException(int line, string message) : Exception(message)
    {
        public int Line { get; } = line;
    }

    private static JsonNode? ToValue(Scalar scalar)
    {
        var text = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain || (!scalar.Tag.IsEmpty && scalar.Tag.Value is "tag:yaml.org,2002:str" or "!!str"))
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (NumberPattern().IsMatch(text))
        {
            if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d))
            {
                return JsonValue.Create(d);
            }

            if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var f))
            {
                return JsonValue.Create(f);
            }
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
