namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingWebhookReceiver : CallRecorder, IWebhookReceiver
{
    public IReadOnlyList<MartechEvent> Events { get; } =
        [new EmailEvent { Provider = "Fake", Type = EmailEventType.Opened, Recipient = EmailAddress.Parse("ada@example.com") }];

    public Task<IReadOnlyList<MartechEvent>> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        Record(nameof(ReceiveAsync), request, cancellationToken);
        return Task.FromResult(Events);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
