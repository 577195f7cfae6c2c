namespace Martech.Sdk.Tests.Abstractions.Fakes;

public sealed class RecordingWebhookReceiver : CallRecorder, IWebhookReceiver
{
    public WebhookReceiveResult Result { get; } =
        new([new EmailEvent { Id = "e1", Provider = "Fake", Type = EmailEventType.Opened, Recipient = EmailAddress.Parse("ada@example.com") }]);

    public Task<WebhookReceiveResult> ReceiveAsync(WebhookRequest request, CancellationToken cancellationToken = default)
    {
        Record(nameof(ReceiveAsync), request, cancellationToken);
        return Task.FromResult(Result);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => AnswerGetService(serviceType, serviceKey);
}
