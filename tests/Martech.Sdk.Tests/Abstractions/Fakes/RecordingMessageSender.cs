namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingMessageSender : CallRecorder, IMessageSender
{
    public MessageSendResult Result { get; } = new() { Status = SendStatus.Accepted, MessageId = "ts1" };

    public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        Record(nameof(SendAsync), message, cancellationToken);
        return Task.FromResult(Result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
