namespace Martech.Sdk.Testing;

/// <summary>A method and path to match requests against, where a <c>{name}</c> segment matches any one non-empty segment
/// (<c>/v1/items/{id}</c> matches <c>/v1/items/42</c>).</summary>
internal sealed class EmulatorPathPattern
{
    private readonly string _method;
    private readonly string[] _segments;

    private EmulatorPathPattern(string method, string[] segments)
    {
        _method = method;
        _segments = segments;
    }

    /// <summary>Validates and parses a method and path pattern.</summary>
    public static EmulatorPathPattern Parse(string method, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(method);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (path[0] != '/')
        {
            throw new ArgumentException($"The path must start with '/'; got '{path}'.", nameof(path));
        }

        if (path.Contains('?', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The path must not contain a query string; got '{path}'.", nameof(path));
        }

        return new EmulatorPathPattern(method.Trim().ToUpperInvariant(), path.Split('/'));
    }

    public bool Matches(RecordedRequest request) => Matches(request.Method, request.Path);

    public bool Matches(string method, string path)
    {
        if (!string.Equals(method, _method, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        int index = 0;
        foreach (Range range in path.AsSpan().Split('/'))
        {
            if (index == _segments.Length)
            {
                return false;
            }

            ReadOnlySpan<char> segment = path.AsSpan(range);
            string expected = _segments[index++];
            bool wildcard = expected.Length > 2 && expected[0] == '{' && expected[^1] == '}';
            if (wildcard ? segment.IsEmpty : !segment.SequenceEqual(expected))
            {
                return false;
            }
        }

        return index == _segments.Length;
    }

    public override string ToString() => $"{_method} {string.Join('/', _segments)}";
}
