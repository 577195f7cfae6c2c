namespace Martech.Sdk;

/// <summary>Sends one chunk of a job's items to the vendor and tells each item's outcome.</summary>
/// <typeparam name="T">The item type.</typeparam>
internal interface IMartechJobWriter<T>
    where T : class
{
    /// <summary>What identifies an item to a person, for the report.</summary>
    string? KeyOf(T item);

    /// <summary>Sends a chunk.</summary>
    /// <param name="chunk">The items and their positions.</param>
    /// <param name="lost">The checkpoint's in-flight chunk when this sends it again after its answer was lost;
    /// <see langword="null"/> for a first send.</param>
    /// <param name="cancellationToken">Cancels the sends.</param>
    /// <returns>One outcome per item, in chunk order.</returns>
    Task<IReadOnlyList<MartechJobItemOutcome>> WriteAsync(IReadOnlyList<(long Position, T Item)> chunk, MartechJobInFlight? lost, CancellationToken cancellationToken);
}

/// <summary>Contact upserts through <see cref="IContactClient.UpsertManyAsync"/>: matched by email (or the match key
/// chosen), so sending a chunk again updates the same contacts. A chunk sent again after its answer was lost reports a
/// contact <see cref="BulkItemStatus.Created"/>, as the lost answer would have, when the vendor answers
/// <see cref="BulkItemStatus.Updated"/> with a <see cref="Contact.CreatedAt"/> at or after the chunk's first send (less
/// <see cref="MartechJobsOptions.ContactCreatedMargin"/> for clock skew): the earlier attempt created it. An answer
/// without a creation time (or with the one the input carried, echoed) stays <see cref="BulkItemStatus.Updated"/>.</summary>
internal sealed class ContactJobWriter(IContactClient contacts, ContactMatchKey matchBy, TimeSpan createdMargin) : IMartechJobWriter<Contact>
{
    public string? KeyOf(Contact item) => item.Email is { IsEmpty: false } email ? email.Value : item.Phone?.ToString();

    public async Task<IReadOnlyList<MartechJobItemOutcome>> WriteAsync(IReadOnlyList<(long Position, Contact Item)> chunk, MartechJobInFlight? lost, CancellationToken cancellationToken)
    {
        BulkResult<Contact> result = await contacts.UpsertManyAsync([.. chunk.Select(static c => c.Item)], new ContactUpsertOptions { MatchBy = matchBy }, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<MartechJobItemOutcome> outcomes = MartechJobWriters.Outcomes(chunk, result, KeyOf, static c => c.Id);
        if (lost is null)
        {
            return outcomes;
        }

        DateTimeOffset since = lost.StartedAt - createdMargin;
        var restated = new MartechJobItemOutcome[outcomes.Count];
        for (int i = 0; i < restated.Length; i++)
        {
            BulkItemResult<Contact> item = result.Items[i];
            // A creation time equal to the one sent is the input echoed (a vendor that answers with ids only), not the
            // vendor's record.
            restated[i] = item.Status == BulkItemStatus.Updated && item.Value?.CreatedAt is { } created && created >= since && created != chunk[i].Item.CreatedAt
                ? outcomes[i] with { Status = BulkItemStatus.Created }
                : outcomes[i];
        }

        return restated;
    }
}

/// <summary>Suppression adds through <see cref="IEmailSuppressionList.AddAsync"/>: adding a suppression that is there
/// already changes nothing, so sending a chunk again is harmless.</summary>
internal sealed class SuppressionJobWriter(IEmailSuppressionList suppressions) : IMartechJobWriter<EmailSuppression>
{
    public string? KeyOf(EmailSuppression item) => item.Email.IsEmpty ? null : $"{item.Email} ({item.Kind})";

    public async Task<IReadOnlyList<MartechJobItemOutcome>> WriteAsync(IReadOnlyList<(long Position, EmailSuppression Item)> chunk, MartechJobInFlight? lost, CancellationToken cancellationToken)
    {
        BulkResult<EmailSuppression> result = await suppressions.AddAsync([.. chunk.Select(static c => c.Item)], null, cancellationToken).ConfigureAwait(false);
        return MartechJobWriters.Outcomes(chunk, result, KeyOf, static _ => null);
    }
}

/// <summary>Helpers the writers share.</summary>
internal static class MartechJobWriters
{
    public static IReadOnlyList<MartechJobItemOutcome> Outcomes<T>(IReadOnlyList<(long Position, T Item)> chunk, BulkResult<T> result, Func<T, string?> keyOf, Func<T, string?> idOf)
    {
        if (result.Items.Count != chunk.Count)
        {
            throw new InvalidOperationException($"The provider answered {result.Items.Count} outcomes for a chunk of {chunk.Count} items; every item needs one.");
        }

        var outcomes = new MartechJobItemOutcome[chunk.Count];
        for (int i = 0; i < chunk.Count; i++)
        {
            BulkItemResult<T> item = result.Items[i];
            BulkItemError? error = item.Error is { } e ? e with { Exception = null } : null;
            outcomes[i] = new MartechJobItemOutcome(chunk[i].Position, keyOf(chunk[i].Item), item.Status, item.Value is { } value ? idOf(value) : null, error);
        }

        return outcomes;
    }

    /// <summary>The outcome of an item a record-level failure refused (a value that does not validate, a 4xx).</summary>
    public static MartechJobItemOutcome Failed(long position, string? key, Exception exception) => new(
        position,
        key,
        BulkItemStatus.Failed,
        Error: new BulkItemError(
            Consolidation.Describe(exception),
            exception switch
            {
                MartechRequestException { ErrorCode: { } code } => code,
                ArgumentException => "INVALID",
                _ => null,
            }));
}
