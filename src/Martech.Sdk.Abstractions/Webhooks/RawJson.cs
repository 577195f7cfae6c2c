using System.Text.Json;

namespace Martech.Sdk;

/// <summary>An event's raw payload, held as UTF-8 bytes or as a parsed element, converting lazily between the two so a
/// receiver that never reads <see cref="MartechEvent.Raw"/> never pays for a parse. Equal when the bytes are.</summary>
internal sealed class RawJson : IEquatable<RawJson>
{
    private readonly Lock _gate = new();
    private ReadOnlyMemory<byte> _utf8;
    private JsonElement? _element;

    private RawJson(ReadOnlyMemory<byte> utf8, JsonElement? element)
    {
        _utf8 = utf8;
        _element = element;
    }

    public ReadOnlyMemory<byte> Utf8
    {
        get
        {
            lock (_gate)
            {
                if (_utf8.IsEmpty && _element is { } element)
                {
                    _utf8 = JsonSerializer.SerializeToUtf8Bytes(element, MartechEventJsonContext.Default.JsonElement);
                }

                return _utf8;
            }
        }
    }

    public JsonElement Element
    {
        get
        {
            lock (_gate)
            {
                _element ??= JsonElement.Parse(_utf8.Span);
                return _element.Value;
            }
        }
    }

    public static RawJson? From(ReadOnlyMemory<byte> utf8) => utf8.IsEmpty ? null : new RawJson(utf8, null);

    public static RawJson? From(JsonElement element) =>
        element.ValueKind == JsonValueKind.Undefined ? null : new RawJson(default, element.Clone());

    public bool Equals(RawJson? other) => other is not null && (ReferenceEquals(this, other) || Utf8.Span.SequenceEqual(other.Utf8.Span));

    public override bool Equals(object? obj) => Equals(obj as RawJson);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.AddBytes(Utf8.Span);
        return hash.ToHashCode();
    }
}
