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

        for (int i = 0; i < chunk.Count; i++)
        {
            if (ChunkLevelFailure(result.Items[i]) is { } failure)
            {
                // The call failed as a whole (or may have been applied): the outcome is not the item's. The chunk stays
                // in flight, and the next run of the same run id sends it again (upserts and suppression adds are
                // idempotent), instead of recording every item as failed for good.
                throw new MartechException(
                    $"The vendor call for a chunk of {chunk.Count} item(s) (positions {chunk[0].Position} to {chunk[^1].Position}) failed as a whole: {failure.Reason} The chunk stays in flight: run the job again with the same run id to send it again.",
                    failure.Exception);
            }
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

    /// <summary>
    /// Whether an item's outcome says the vendor call failed as a whole rather than refused this item: an unknown
    /// outcome (the call may have been applied), a transport failure or timeout, a rate limit given up on, a refused
    /// credential, a 5xx, or a failure without a vendor answer (the bulk runner's codes). A 4xx refusal of the item (or of
    /// the batch, for what it holds) is the item's outcome.
    /// </summary>
    internal static (string Reason, Exception? Exception)? ChunkLevelFailure<T>(BulkItemResult<T> item)
    {
        if (item.Status == BulkItemStatus.Unknown)
        {
            return ($"the outcome is unknown ({item.Error?.Code ?? "no code"}: {item.Error?.Message ?? "no answer"}).", item.Error?.Exception);
        }

        if (item.Status != BulkItemStatus.Failed || item.Error is not { } error)
        {
            return null;
        }

        bool whole = error.Exception switch
        {
            MartechRateLimitedException or MartechAuthenticationException or MartechTransportException => true,
            MartechRequestException { StatusCode: { } status } => (int)status >= 500 || (int)status is 408 or 429,
            MartechRequestException => false,
            null => error.Code is BulkItemCodes.RequestFailed or BulkItemCodes.NoOutcome or BulkItemCodes.Cancelled or BulkItemCodes.UnknownOutcome,
            _ => true,
        };
        return whole ? ($"{error.Code ?? "no code"}: {error.Message}", error.Exception) : null;
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
