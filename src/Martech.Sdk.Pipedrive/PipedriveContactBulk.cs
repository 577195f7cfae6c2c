namespace Martech.Sdk.Pipedrive;

/// <summary>
/// Bulk upsert of contacts. Pipedrive has no batch endpoint for persons, so each contact is one upsert (search, read,
/// then create or update) and "batches" are single items: up to <see cref="BulkOptions.MaxConcurrency"/> run at once,
/// inside the instance's rate budget. Contacts that share an email address or id run one
/// after another in input order, and later ones reuse the person the first one created instead of searching again.
/// The groups run through the core's <see cref="BulkRun{T}"/> (one chunk per group, progress after each group).
/// </summary>
internal static class PipedriveContactBulk
{
    public static async Task<BulkResult<Contact>> RunAsync(PipedrivePersons persons, Contact?[] items, ContactMatchKey matchBy, BulkOptions options, CancellationToken cancellationToken)
    {
        int total = items.Length;
        var run = new BulkRun<Contact>(total, options)
        {
            CancelledMessage = "The operation was cancelled before this contact was written; it was not applied.",
        };
        if (total == 0)
        {
            return await run.RunAsync(Array.Empty<BulkChunk>(), static (_, _) => Task.CompletedTask, cancellationToken).ConfigureAwait(false);
        }

        // 1. Client-side checks: bad items fail alone, before anything is sent.
        var groups = new Dictionary<string, List<int>>(StringComparer.OrdinalIgnoreCase);
        var order = new List<List<int>>();
        for (int i = 0; i < total; i++)
        {
            if (Check(items[i], i, matchBy, out string? key) is { } problem)
            {
                run.Fail(i, problem.ToBulkError());
                continue;
            }

            if (!groups.TryGetValue(key!, out List<int>? group))
            {
                groups[key!] = group = [];
                order.Add(group);
            }

            group.Add(i);
        }

        // 2. The field definitions, once, so custom field names are checked before anything is sent for an item.
        try
        {
            PipedriveFieldSet fields = await persons.Catalog.GetAsync(PipedriveEntity.Person, cancellationToken).ConfigureAwait(false);
            bool refreshed = false;
            foreach (List<int> group in order)
            {
                for (int g = 0; g < group.Count; g++)
                {
                    int i = group[g];
                    PipedriveProblem? problem = persons.Mapper.CheckFields(items[i]!, fields);
                    if (problem is { UnknownName: true } && !refreshed)
                    {
                        // A field created since the definitions were cached: read them again, once per call.
                        refreshed = true;
                        fields = await persons.Catalog.RefreshAsync(PipedriveEntity.Person, fields, cancellationToken).ConfigureAwait(false);
                        problem = persons.Mapper.CheckFields(items[i]!, fields);
                    }

                    if (problem is not null)
                    {
                        run.Fail(i, problem.ToBulkError());
                        group.RemoveAt(g--);
                    }
                }
            }
        }
        catch (Exception ex) when (ex is MartechException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            foreach (int i in run.Unsettled())
            {
                run.Settle(FromException(i, ex, writeStarted: false, cancellationToken));
            }

            order.Clear();
        }

        // 3. One upsert per contact, groups in parallel, each group in input order.
        bool byEmail = matchBy == ContactMatchKey.Email;
        return await run.RunAsync(
            order.Where(static g => g.Count > 0).Select(static g => new BulkChunk(g)).ToList(),
            async (group, ct) =>
            {
                long? knownId = null;
                foreach (int i in group.Indexes)
                {
                    Contact contact = items[i]!;
                    if (ct.IsCancellationRequested)
                    {
                        run.Settle(Cancelled(i, writeStarted: false, new OperationCanceledException(ct)));
                        continue;
                    }

                    var tracker = new PipedriveWriteTracker();
                    try
                    {
                        UpsertResult<Contact> upsert = await persons.UpsertAsync(contact, matchBy, knownId, tracker, ct).ConfigureAwait(false);
                        if ((byEmail || contact.Id is null) && PipedriveIds.TryParse(upsert.Value.Id, out long id))
                        {
                            knownId = id;
                        }

                        run.Settle(new BulkItemResult<Contact>(i, upsert.Created ? BulkItemStatus.Created : BulkItemStatus.Updated, upsert.Value));
                    }
                    catch (Exception ex) when (ex is not OutOfMemoryException)
                    {
                        run.Settle(FromException(i, ex, tracker.WriteStarted, ct));
                    }
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The problem a contact has before anything is sent, and the key that orders it after others that share
    /// it.</summary>
    private static PipedriveProblem? Check(Contact? contact, int index, ContactMatchKey matchBy, out string? key)
    {
        key = null;
        if (contact is null)
        {
            return new PipedriveProblem($"The contact at index {index} is null.", PipedriveProblem.NullItem, null);
        }

        if (PipedriveContactClient.FindKeyProblem(contact, matchBy) is { } keyProblem)
        {
            return keyProblem;
        }

        bool byId = matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && contact.Id is not null);
        if (byId)
        {
            if (!PipedriveIds.TryParse(contact.Id!.Trim(), out long id))
            {
                return new PipedriveProblem($"Contact.Id '{contact.Id}' is not a Pipedrive person id (a positive whole number).", PipedriveProblem.InvalidId, nameof(Contact.Id));
            }

            key = "id:" + PipedriveIds.Text(id);
        }
        else
        {
            key = "email:" + contact.Email!.Value.Value;
        }

        if (contact.OwnerId is { } owner && !PipedriveIds.TryParse(owner, out _))
        {
            return new PipedriveProblem($"Contact.OwnerId '{owner}' is not a Pipedrive user id (a positive whole number).", PipedriveProblem.InvalidId, nameof(Contact.OwnerId));
        }

        return null;
    }

    private static BulkItemResult<Contact> FromException(int index, Exception exception, bool writeStarted, CancellationToken cancellationToken)
    {
        switch (exception)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return Cancelled(index, writeStarted, exception);
            case PipedriveProblemException problem:
                return Failed(index, problem.Problem.ToBulkError() with { Exception = exception });
            case ArgumentException argument:
                return Failed(index, new BulkItemError(argument.Message, "INVALID_ARGUMENT", argument.ParamName, exception));
            case MartechException transport when transport.MayHaveBeenProcessed && writeStarted:
                return new BulkItemResult<Contact>(index, BulkItemStatus.Unknown, null, new BulkItemError(
                    $"{transport.Message} Pipedrive may have stored this contact; it was not sent again. Check Pipedrive before retrying it.",
                    "UNKNOWN_OUTCOME",
                    null,
                    exception));
            case MartechRequestException request:
                return Failed(index, new BulkItemError(
                    request.Message,
                    request.ErrorCode ?? (request is MartechNotFoundException ? PipedriveProblem.NotFound : request.StatusCode is { } status ? ((int)status).ToString(System.Globalization.CultureInfo.InvariantCulture) : null),
                    request.FieldErrors.Count > 0 ? request.FieldErrors[0].Field : null,
                    exception));
            default:
                return Failed(index, new BulkItemError(exception.Message, exception is MartechException ? "TRANSPORT_ERROR" : "UNEXPECTED_ERROR", null, exception));
        }
    }

    private static BulkItemResult<Contact> Cancelled(int index, bool writeStarted, Exception exception) =>
        writeStarted
            ? new BulkItemResult<Contact>(index, BulkItemStatus.Unknown, null, new BulkItemError(
                "The operation was cancelled while this contact's write was in flight; Pipedrive may have applied it.", PipedriveProblem.Cancelled, null, exception))
            : Failed(index, new BulkItemError("The operation was cancelled before this contact was written; it was not applied.", PipedriveProblem.Cancelled, null, exception));

    private static BulkItemResult<Contact> Failed(int index, BulkItemError error) => new(index, BulkItemStatus.Failed, null, error);
}
