namespace Martech.Sdk;

/// <summary>Traces and times each contact call: an activity named after the operation (<c>contacts.upsert</c>, …) and the <c>martech.operation.duration</c> histogram, tagged with provider and outcome.</summary>
public sealed class OpenTelemetryContactClient : DelegatingContactClient
{
    private readonly TelemetryPipeline _telemetry;

    /// <summary>Creates the middleware.</summary>
    /// <param name="innerClient">The client to forward to.</param>
    /// <param name="provider">The provider instance name tagged on every activity and measurement.</param>
    public OpenTelemetryContactClient(IContactClient innerClient, string provider)
        : base(innerClient)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(provider);
        _telemetry = new TelemetryPipeline(provider);
    }

    /// <inheritdoc />
    public override Task<Contact?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.get", (InnerClient, id), static (s, ct) => s.InnerClient.GetAsync(s.id, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<Contact?> FindByEmailAsync(EmailAddress email, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.find_by_email", (InnerClient, email), static (s, ct) => s.InnerClient.FindByEmailAsync(s.email, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<IReadOnlyDictionary<EmailAddress, Contact>> FindByEmailsAsync(IReadOnlyCollection<EmailAddress> emails, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.find_by_emails", (InnerClient, emails), static (s, ct) => s.InnerClient.FindByEmailsAsync(s.emails, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<UpsertResult<Contact>> UpsertAsync(Contact contact, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.upsert", (InnerClient, contact, options), static (s, ct) => s.InnerClient.UpsertAsync(s.contact, s.options, ct), cancellationToken);

    /// <inheritdoc />
    public override Task<BulkResult<Contact>> UpsertManyAsync(IReadOnlyList<Contact> contacts, ContactUpsertOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.upsert_many", (InnerClient, contacts, options), static (s, ct) => s.InnerClient.UpsertManyAsync(s.contacts, s.options, ct), cancellationToken);

    /// <inheritdoc />
    public override AsyncPageable<Contact> ListAsync(ContactListOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.Wrap("contacts.list", InnerClient.ListAsync(options, cancellationToken));

    /// <inheritdoc />
    public override Task<bool> DeleteAsync(string id, ContactDeleteOptions? options = null, CancellationToken cancellationToken = default) =>
        _telemetry.RunAsync("contacts.delete", (InnerClient, id, options), static (s, ct) => s.InnerClient.DeleteAsync(s.id, s.options, ct), cancellationToken);
}
