using Microsoft.Extensions.Logging;

namespace Martech.Sdk;

/// <summary>Logs each contact call: invocation and completion at Debug with timing, failures at Error,
/// cancellation apart from failure, and payloads (personal data) only at Trace.</summary>
public sealed class LoggingContactClient : DelegatingContactClient
{
    private readonly LoggingPipeline _log;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="logger">Where to log.</param>
    /// <param name="provider">The provider instance name written with every entry.</param>
    public LoggingContactClient(IContactClient innerClient, ILogger logger, string provider)
        : base(innerClient)
    {
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _log = new LoggingPipeline(logger, provider);
    }

    /// <inheritdoc />
    public override Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _log.RunAsync("GetContact", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), static s => s.id, static c => LoggingPayloads.Of(c, "not found"), cancellationToken);

    /// <inheritdoc />
    public override Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        _log.RunAsync("FindContactByEmail", (InnerClient, email), static (s, ct) => s.InnerClient.FindByEmailAsync(s.email, ct), static s => s.email.Value, static c => LoggingPayloads.Of(c, "not found"), cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default) =>
        _log.RunAsync("FindContactsByEmail", (InnerClient, emails), static (s, ct) => s.InnerClient.FindByEmailsAsync(s.emails, ct), static s => $"count={s.emails?.Count}", static r => $"found={r.Count}", cancellationToken);

    /// <inheritdoc />
    public override Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("UpsertContact", (InnerClient, contact, options), static (s, ct) => s.InnerClient.UpsertAsync(s.contact, s.options, ct), static s => LoggingPayloads.Of(s.contact), LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("UpsertContacts", (InnerClient, contacts, options), static (s, ct) => s.InnerClient.UpsertManyAsync(s.contacts, s.options, ct), static s => $"count={s.contacts?.Count}", LoggingPayloads.Of, cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.Wrap("ListContacts", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _log.RunAsync("DeleteContact", (InnerClient, id, options), static (s, ct) => s.InnerClient.DeleteAsync(s.id, s.options, ct), static s => s.id, static deleted => deleted ? "deleted" : "not found", cancellationToken);
}
