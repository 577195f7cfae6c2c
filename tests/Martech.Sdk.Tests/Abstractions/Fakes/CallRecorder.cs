namespace Martech.Sdk.Tests.Abstractions.Fakes;

/// <summary>The shared part of the recording fakes: the calls received, and what GetService answers.</summary>
public abstract class CallRecorder
{
    /// <summary>What the fake answers to GetService for any type but its own.</summary>
    public object ServiceAnswer { get; } = new();

    public List<RecordedCall> Calls { get; } = [];

    public RecordedCall Single(string member) => Assert.Single(Calls, c => c.Member == member);

    protected void Record(string member, params object?[] arguments) => Calls.Add(new RecordedCall(member, arguments));

    protected object? AnswerGetService(Type serviceType, object? serviceKey)
    {
        Record(nameof(IContactClient.GetService), serviceType, serviceKey);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : ServiceAnswer;
    }
}
