namespace Martech.Sdk;

/// <summary>The short kind name of an event for logs and metrics, as <see cref="MartechEventSerializer"/> writes it.</summary>
internal static class MartechEventKinds
{
    public static string Of(MartechEvent martechEvent) => martechEvent switch
    {
        EmailEvent => "email",
        ContactEvent => "contact",
        MessageReceivedEvent => "message.received",
        MessageStatusEvent => "message.status",
        FormSubmissionEvent => "form.submitted",
        RawEvent => "raw",
        _ => martechEvent.GetType().Name,
    };
}
