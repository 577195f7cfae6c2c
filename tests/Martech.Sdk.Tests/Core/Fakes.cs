using System.Collections.Concurrent;

namespace Martech.Sdk.Tests.Core;

/// <summary>A contact client over a dictionary keyed by email; enough for consent and routing tests.</summary>
public sealed class FakeContactClient(string label = "fake") : IContactClient
{
    public ConcurrentDictionary<EmailAddress, Contact> ByEmail { get; } = new();

    public string Label { get; } = label;

    private int _lookups;

    public int Lookups => _lookups;

    public Contact Add(string email, Consent? emailConsent = null, Consent? smsConsent = null, string? phone = null)
    {
        var contact = new Contact
        {
            Id = "c-" + email,
            Email = EmailAddress.Parse(email),
            Phone = phone is null ? null : PhoneNumber.Parse(phone),
            EmailConsent = emailConsent,
            SmsConsent = smsConsent,
        };
        ByEmail[contact.Email!.Value] = contact;
        return contact;
    }

    public Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        Task.FromResult(ByEmail.Values.FirstOrDefault(c => c.Id == id));

    public Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _lookups);
        return Task.FromResult(ByEmail.TryGetValue(email, out var c) ? c : null);
    }

    public Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default)
    {
        bool created = !ByEmail.ContainsKey(contact.Email!.Value);
        ByEmail[contact.Email!.Value] = contact;
        return Task.FromResult(new UpsertResult<Contact>(contact, created));
    }

    public Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(new BulkResult<Contact>(contacts.Select((c, i) => new BulkItemResult<Contact>(i, BulkItemStatus.Created, c)).ToList()));

    public AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default) =>
        AsyncPageable.Create<Contact>((token, size, ct) => ValueTask.FromResult(new Page<Contact>(ByEmail.Values.ToList(), null)), cancellationToken: cancellationToken);

    public Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}

/// <summary>An email sender that records what it was asked to send.</summary>
public sealed class RecordingEmailSender : IEmailSender
{
    public ConcurrentQueue<EmailMessage> Sent { get; } = new();

    public Exception? FailWith { get; set; }

    private int _next;

    public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        message.Validate();
        if (FailWith is not null)
        {
            throw FailWith;
        }

        Sent.Enqueue(message);
        return Task.FromResult(new EmailSendResult
        {
            Status = SendStatus.Accepted,
            MessageId = "m" + Interlocked.Increment(ref _next),
            AcceptedRecipients = message.AllRecipients.Select(r => r.Address).ToList(),
        });
    }

    public async Task<BulkResult<EmailSendResult>> SendManyAsync(IReadOnlyList<EmailMessage> messages, BulkOptions? options = null, CancellationToken cancellationToken = default)
    {
        var items = new List<BulkItemResult<EmailSendResult>>();
        for (int i = 0; i < messages.Count; i++)
        {
            try
            {
                items.Add(new(i, BulkItemStatus.Succeeded, await SendAsync(messages[i], cancellationToken)));
            }
            catch (Exception ex) when (ex is ArgumentException or NullReferenceException)
            {
                items.Add(new(i, BulkItemStatus.Failed, Error: new BulkItemError(ex.Message, "INVALID_MESSAGE")));
            }
        }

        return new BulkResult<EmailSendResult>(items);
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}

/// <summary>A message sender that records what it was asked to send.</summary>
public sealed class RecordingMessageSender : IMessageSender
{
    public ConcurrentQueue<OutgoingMessage> Sent { get; } = new();

    public Task<MessageSendResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken = default)
    {
        message.Validate();
        Sent.Enqueue(message);
        return Task.FromResult(new MessageSendResult { Status = SendStatus.Accepted, MessageId = "msg" + Sent.Count });
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => serviceType.IsInstanceOfType(this) ? this : null;
}
