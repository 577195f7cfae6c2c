using System.Globalization;

namespace Martech.Sdk;

/// <summary>
/// Adds to and removes from SendGrid's suppression lists, one outcome per input. Adds: global unsubscribes
/// (<c>POST /v3/asm/suppressions/global</c>) and group unsubscribes (<c>POST /v3/asm/groups/{id}/suppressions</c>) in
/// batches of addresses. Removes: bounces, blocks, spam reports and invalid emails in batches
/// (<c>DELETE /v3/suppression/{list}</c> with <c>{"emails":[…]}</c>), unsubscribes one address per request. Adding
/// and removing are idempotent at SendGrid, so a failed request's items fail and can be retried.
/// </summary>
internal sealed class SendGridSuppressionWriter
{
    private static readonly MartechRequestOptions AddOperation = new() { Operation = "suppressions.add", Idempotent = true };
    private static readonly MartechRequestOptions RemoveOperation = new() { Operation = "suppressions.remove" };

    // Removing one address puts it last in the path.
    private static readonly MartechRequestOptions RemoveOneOperation = new() { Operation = "suppressions.remove", UrlTemplate = "{email}" };
    private static readonly Uri GlobalUri = new("v3/asm/suppressions/global", UriKind.Relative);

    private readonly SendGridApi _api;
    private readonly SendGridOptions _options;

    public SendGridSuppressionWriter(SendGridApi api, SendGridOptions options)
    {
        _api = api;
        _options = options;
    }

    public Task<BulkResult<EmailSuppression>> AddAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options, CancellationToken cancellationToken) =>
        RunAsync(suppressions, options, add: true, cancellationToken);

    public Task<BulkResult<EmailSuppression>> RemoveAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options, CancellationToken cancellationToken) =>
        RunAsync(suppressions, options, add: false, cancellationToken);

    private async Task<BulkResult<EmailSuppression>> RunAsync(IReadOnlyList<EmailSuppression> suppressions, BulkOptions? options, bool add, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(suppressions);
        options ??= new BulkOptions();
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        EmailSuppression?[] items = [.. suppressions];
        var run = new BulkRun<EmailSuppression>(items.Length, options)
        {
            CancelledMessage = "The operation was cancelled before this item's request was sent; nothing was changed.",
        };
        var targets = new Dictionary<Target, List<int>>();
        var order = new List<Target>();
        for (int i = 0; i < items.Length; i++)
        {
            if (Classify(i, items[i], add, out Target target) is { } failed)
            {
                run.Settle(failed);
                continue;
            }

            if (!targets.TryGetValue(target, out List<int>? list))
            {
                targets[target] = list = [];
                order.Add(target);
            }

            list.Add(i);
        }

        int batchSize = run.BatchSize(_options.MaxSuppressionBatchSize);
        var requests = new List<Request>();
        foreach (Target target in order)
        {
            Plan(target, targets[target], items, add, batchSize, requests);
        }

        return await run.RunAsync(
            requests,
            async (request, ct) =>
            {
                BulkItemError? error = await ExecuteAsync(request, ct).ConfigureAwait(false);
                foreach (int index in request.Indexes)
                {
                    run.Settle(error is null
                        ? new BulkItemResult<EmailSuppression>(index, BulkItemStatus.Succeeded, Normalised(items[index]!))
                        : SendGridBulkOutcomes.Failed<EmailSuppression>(index, error));
                }
            },
            cancellationToken).ConfigureAwait(false);
    }

    private static EmailSuppression Normalised(EmailSuppression suppression) =>
        suppression.Kind == SuppressionKind.GroupUnsubscribe
            ? suppression with { GroupId = SendGridSuppressionSource.ParseGroupId(suppression.GroupId, nameof(EmailSuppression.GroupId)) }
            : suppression;

    private static BulkItemResult<EmailSuppression>? Classify(int index, EmailSuppression? item, bool add, out Target target)
    {
        target = default;
        if (item is null)
        {
            return SendGridBulkOutcomes.Failed<EmailSuppression>(index, new BulkItemError($"The suppression at index {index} is null.", SendGridBulkOutcomes.NullItemCode));
        }

        if (item.Email.IsEmpty)
        {
            return SendGridBulkOutcomes.Failed<EmailSuppression>(index, new BulkItemError($"The suppression at index {index} has no email address.", SendGridBulkOutcomes.MissingValueCode, nameof(EmailSuppression.Email)));
        }

        SuppressionKind kind = item.Kind;
        if (kind == SuppressionKind.GroupUnsubscribe)
        {
            if (!SendGridSuppressionSource.TryParseGroupId(item.GroupId, out string? group))
            {
                return SendGridBulkOutcomes.Failed<EmailSuppression>(index, new BulkItemError(
                    $"The group unsubscribe at index {index} needs GroupId, a SendGrid unsubscribe group id (a positive integer); it was '{item.GroupId}'.",
                    SendGridBulkOutcomes.MissingValueCode,
                    nameof(EmailSuppression.GroupId)));
            }

            target = new Target(TargetKind.Group, group);
            return null;
        }

        if (kind == SuppressionKind.Unsubscribe)
        {
            target = new Target(TargetKind.Global, null);
            return null;
        }

        SendGridSuppressionSource? list = SendGridSuppressionSource.EntryLists.FirstOrDefault(s => s.Kind == kind);
        if (list is null || add)
        {
            string why = list is null
                ? $"SendGrid has no '{kind}' suppression list; it keeps bounces, blocks, spam reports, invalid emails, global and group unsubscribes."
                : $"SendGrid has no API to add to its {list.Name} list (it adds addresses itself as mail fails); add an unsubscribe instead to stop sending to the address.";
            return SendGridBulkOutcomes.Failed<EmailSuppression>(index, new BulkItemError(why, SendGridBulkOutcomes.UnsupportedCode, nameof(EmailSuppression.Kind)));
        }

        target = new Target(TargetKind.EntryList, list.Name);
        return null;
    }

    private static void Plan(Target target, List<int> indexes, EmailSuppression?[] items, bool add, int batchSize, List<Request> requests)
    {
        // Unsubscribes are removed one address per request: SendGrid has no batch delete for them.
        if (!add && target.Kind != TargetKind.EntryList)
        {
            foreach (int index in indexes)
            {
                requests.Add(new Request(target, add, [index], [items[index]!.Email.Value]));
            }

            return;
        }

        // Batches of distinct addresses; every input with an address in the batch shares its outcome.
        var batchIndexes = new List<int>();
        var batchEmails = new List<string>();
        var seen = new HashSet<EmailAddress>();
        foreach (int index in indexes)
        {
            EmailAddress email = items[index]!.Email;
            if (!seen.Contains(email) && batchEmails.Count == batchSize)
            {
                requests.Add(new Request(target, add, batchIndexes, batchEmails));
                batchIndexes = [];
                batchEmails = [];
                seen.Clear();
            }

            if (seen.Add(email))
            {
                batchEmails.Add(email.Value);
            }

            batchIndexes.Add(index);
        }

        if (batchIndexes.Count > 0)
        {
            requests.Add(new Request(target, add, batchIndexes, batchEmails));
        }
    }

    /// <summary>Sends one request; returns <see langword="null"/> on success, else the error its items fail with.</summary>
    private async Task<BulkItemError?> ExecuteAsync(Request request, CancellationToken cancellationToken)
    {
        try
        {
            using HttpRequestMessage message = Build(request);
            await _api.SendWithoutResultAsync(message, cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (MartechNotFoundException) when (!request.Add)
        {
            return null; // not on the list: removing it changes nothing
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            return new BulkItemError("The operation was cancelled while this item's request was in flight; it may or may not have been applied, and is safe to repeat.", SendGridBulkOutcomes.CancelledCode, Exception: ex);
        }
        catch (MartechRequestException ex)
        {
            string code = ex.ErrorCode ?? $"HTTP_{((int?)ex.StatusCode ?? 0).ToString(CultureInfo.InvariantCulture)}";
            return new BulkItemError(ex.Message, code, ex.FieldErrors.Count > 0 ? ex.FieldErrors[0].Field : null, ex);
        }
        catch (MartechTransportException ex)
        {
            return new BulkItemError($"{ex.Message} Suppression changes are idempotent, so the item is safe to repeat.", SendGridBulkOutcomes.TransportFailedCode, Exception: ex);
        }
        catch (Exception ex)
        {
            return new BulkItemError(
                $"The request failed unexpectedly ({ex.GetType().Name}: {_api.Transport.Redactor.RedactText(ex.Message)}); suppression changes are idempotent, so the item is safe to repeat.",
                SendGridBulkOutcomes.TransportFailedCode,
                Exception: ex);
        }
    }

    private HttpRequestMessage Build(Request request)
    {
        Target target = request.Target;
        if (request.Add)
        {
            Uri uri = target.Kind == TargetKind.Global ? GlobalUri : new Uri($"v3/asm/groups/{target.Name}/suppressions", UriKind.Relative);
            return _api.CreateJson(HttpMethod.Post, uri, AddOperation, new SendGridRecipientEmails { RecipientEmails = request.Emails }, SendGridJsonContext.Wire.SendGridRecipientEmails);
        }

        return target.Kind switch
        {
            TargetKind.EntryList => _api.CreateJson(
                HttpMethod.Delete,
                new Uri($"v3/suppression/{target.Name}", UriKind.Relative),
                RemoveOperation,
                new SendGridDeleteEmails { Emails = request.Emails },
                SendGridJsonContext.Wire.SendGridDeleteEmails),
            TargetKind.Global => _api.Create(HttpMethod.Delete, new Uri($"v3/asm/suppressions/global/{SendGridSuppressionList.EscapePath(request.Emails[0])}", UriKind.Relative), RemoveOneOperation),
            _ => _api.Create(HttpMethod.Delete, new Uri($"v3/asm/groups/{target.Name}/suppressions/{SendGridSuppressionList.EscapePath(request.Emails[0])}", UriKind.Relative), RemoveOneOperation),
        };
    }

    private enum TargetKind
    {
        /// <summary>Bounces, blocks, spam reports or invalid emails: the name is the list's path segment.</summary>
        EntryList,

        /// <summary>Global unsubscribes.</summary>
        Global,

        /// <summary>One unsubscribe group: the name is its id.</summary>
        Group,
    }

    /// <summary>Where a suppression goes: a list, the global unsubscribes, or a group.</summary>
    private readonly record struct Target(TargetKind Kind, string? Name);

    /// <summary>One request: its target, whether it adds, the input indexes it settles and the addresses it sends.</summary>
    private sealed class Request(Target target, bool add, IReadOnlyList<int> indexes, IReadOnlyList<string> emails) : BulkChunk(indexes)
    {
        public Target Target { get; } = target;

        public bool Add { get; } = add;

        public IReadOnlyList<string> Emails { get; } = emails;
    }
}
