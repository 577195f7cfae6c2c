namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingEmailSender : CallRecorder, IEmailSender
{
    public EmailSendResult Result { get; } = new() { Status = SendStatus.Accepted, MessageId = "m1" };

    public BulkResult<EmailSendResult> BulkResult { get; } = new([new BulkItemResult<EmailSendResult>(0, BulkItemStatus.Succeeded)]);

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        Record(nameof(SendAsync), message, cancellationToken);
        return Task.FromResult(Result);
    }

    public Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        Record(nameof(SendManyAsync), messages, options, cancellationToken);
        return Task.FromResult(BulkResult);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
