namespace Martech.Sdk;

/// <summary>
/// The in-memory <see cref="IEmailSuppressionList"/>: suppressions in an <see cref="InMemoryMartechStore"/>, every
/// kind addable, one entry per address, kind and (for group unsubscribes) group.
/// </summary>
internal sealed class InMemoryEmailSuppressionList : IEmailSuppressionList
{
    private const string Scope = "suppressions";
    private readonly MartechProviderMetadata _metadata;
    private readonly InMemoryMartechStore _store;
    private readonly InMemoryProviderOptions _options;

    public InMemoryEmailSuppressionList(MartechProviderMetadata metadata, InMemoryMartechStore store, InMemoryProviderOptions options)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        _metadata = metadata;
        _store = store;
        _options = options;
    }

    public Task<IReadOnlyList<EmailSuppression>> FindAsync(EmailAddress email, CancellationToken cancellationToken = default)
    {
        if (email.IsEmpty)
        {
            throw new ArgumentException("The email address is empty.", nameof(email));
        }

        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(_store.FindSuppressions(email));
    }

    public AsyncPageable<EmailSuppression> ListAsync(SuppressionListOptions? options = null, CancellationToken cancellationToken = default)
    {
        SuppressionKind? kind = options?.Kind;
        string? group = options?.GroupId;
        DateTimeOffset? since = options?.UpdatedSince;
        bool Match(EmailSuppression s) =>
            (kind is null || s.Kind == kind) && (group is null || s.GroupId == group) && (since is null || s.CreatedAt >= since);
        return InMemoryPaging.Create(Scope, _metadata.Name, options, _options, (after, size) => _store.ListSuppressions(after, size, Match), cancellationToken);
    }

    public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(suppressions, options, static (store, s) => store.AddSuppression(s), cancellationToken);

    public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(suppressions, options, static (store, s) => { store.RemoveSuppression(s); return s; }, cancellationToken);

    public object? GetService(Type serviceType, object? serviceKey = null) =>
        InMemoryServices.Get(this, _metadata, _store, _options, serviceType, serviceKey);

    private Task<BulkResult<EmailSuppression>> ChangeAsync(
        IReadOnlyList<EmailSuppression> suppressions,
        BulkOptions? options,
        Func<InMemoryMartechStore, EmailSuppression, EmailSuppression> change,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        EmailSuppression?[] items = [.. suppressions];
        return InMemoryBulk.RunAsync(
            items.Length,
            options,
            _options.MaxBatchSize,
            index => items[index] switch
            {
                null => new BulkItemResult<EmailSuppression>(index, BulkItemStatus.Failed, null, new BulkItemError($"The suppression at index {index} is null.", InMemoryFailure.NullItemCode)),
                { Email.IsEmpty: true } => new BulkItemResult<EmailSuppression>(index, BulkItemStatus.Failed, null, new BulkItemError($"The suppression at index {index} has no email address.", InMemoryFailure.MissingKeyCode, nameof(EmailSuppression.Email))),
                { } item => new BulkItemResult<EmailSuppression>(index, BulkItemStatus.Succeeded, change(_store, item)),
            },
            cancellationToken);
    }
}
