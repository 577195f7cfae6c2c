using Microsoft.AspNetCore.Http;

namespace Martech.Sdk.Testing;

/// <summary>
/// Every request a <see cref="VendorEmulator"/> received, in arrival order, for assertions. Thread-safe: requests are
/// recorded while tests read.
/// </summary>
/// <remarks>
/// The log keeps the newest <see cref="Capacity"/> requests so long runs (benchmarks, soak tests) do not grow without
/// bound; <see cref="TotalCount"/> still counts every request.
/// </remarks>
public sealed class EmulatorRequestLog
{
    /// <summary>The default <see cref="Capacity"/>.</summary>
    public const int DefaultCapacity = 10_000;

    private readonly Lock _gate = new();
    private readonly Queue<RecordedRequest> _requests = new();
    private long _totalCount;
    private int _capacity = DefaultCapacity;

    internal EmulatorRequestLog()
    {
    }

    /// <summary>Gets or sets how many of the newest requests the log keeps.</summary>
    /// <value>The default value is 10,000.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is zero or negative.</exception>
    public int Capacity
    {
        get
        {
            lock (_gate)
            {
                return _capacity;
            }
        }

        set
        {
            ArgumentOutOfRangeException.ThrowIfNegativeOrZero(value, nameof(Capacity));
            lock (_gate)
            {
                _capacity = value;
                Trim();
            }
        }
    }

    /// <summary>Gets a snapshot of the recorded requests, oldest first.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Gets how many requests the log holds now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _requests.Count;
            }
        }
    }

    /// <summary>Gets how many requests the emulator has received since it was created, including any the log no longer
    /// holds after <see cref="Clear"/> or because of <see cref="Capacity"/>.</summary>
    public long TotalCount => Interlocked.Read(ref _totalCount);

    /// <summary>Gets the recorded requests with a method and path, oldest first.</summary>
    /// <param name="method">The HTTP method, case-insensitive.</param>
    /// <param name="path">The path, starting with <c>/</c>, without a query string; a <c>{name}</c> segment matches any one
    /// segment (<c>/v1/items/{id}</c>).</param>
    /// <returns>The matching requests.</returns>
    /// <exception cref="ArgumentException"><paramref name="method"/> is empty, or <paramref name="path"/> is empty, does not
    /// start with <c>/</c> or has a query string.</exception>
    public IReadOnlyList<RecordedRequest> RequestsTo(string method, string path)
    {
        EmulatorPathPattern pattern = EmulatorPathPattern.Parse(method, path);
        var matches = new List<RecordedRequest>();
        lock (_gate)
        {
            foreach (RecordedRequest request in _requests)
            {
                if (pattern.Matches(request))
                {
                    matches.Add(request);
                }
            }
        }

        return matches;
    }

    /// <summary>Forgets every recorded request; sequence numbers keep counting.</summary>
    public void Clear()
    {
        lock (_gate)
        {
            _requests.Clear();
        }
    }

    internal RecordedRequest Record(HttpRequest request, ReadOnlyMemory<byte> body, DateTimeOffset arrivedAt)
    {
        lock (_gate)
        {
            _totalCount++;
            RecordedRequest recorded = RecordedRequest.Create(_totalCount, request, body, arrivedAt);
            _requests.Enqueue(recorded);
            Trim();
            return recorded;
        }
    }

    private void Trim()
    {
        while (_requests.Count > _capacity)
        {
            _requests.Dequeue();
        }
    }
}
