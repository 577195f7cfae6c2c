namespace Martech.Sdk.Tests.Abstractions.Fakes;

/// <summary>One call a recording fake received: the member and its arguments.</summary>
public sealed record RecordedCall(string Member, IReadOnlyList<object?> Arguments);
