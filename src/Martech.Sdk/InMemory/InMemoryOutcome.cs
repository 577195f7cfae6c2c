namespace Martech.Sdk;

/// <summary>The result of an in-memory store write: the stored value and whether it was created, or why not.</summary>
/// <typeparam name="T">The value type.</typeparam>
internal readonly struct InMemoryOutcome<T>
    where T : class
{
    private InMemoryOutcome(T? value, bool created, InMemoryFailure? failure)
    {
        Value = value;
        Created = created;
        Failure = failure;
    }

    /// <summary>A copy of the stored value, when the write succeeded.</summary>
    public T? Value { get; }

    /// <summary>Whether the write created the value.</summary>
    public bool Created { get; }

    /// <summary>Why the write was refused, when it was.</summary>
    public InMemoryFailure? Failure { get; }

    public static InMemoryOutcome<T> Success(T value, bool created = false) => new(value, created, null);

    public static InMemoryOutcome<T> Fail(InMemoryFailure failure) => new(null, false, failure);

    public static implicit operator InMemoryOutcome<T>(InMemoryFailure failure) => Fail(failure);

    /// <summary>Returns the value, or throws the failure as a single call would.</summary>
    /// <param name="provider">The provider instance name.</param>
    /// <returns>The value.</returns>
    public T GetValueOrThrow(string provider) => Failure is { } failure ? throw failure.ToException(provider) : Value!;
}
