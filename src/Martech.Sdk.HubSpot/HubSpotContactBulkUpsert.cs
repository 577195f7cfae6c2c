namespace Martech.Sdk.HubSpot;

/// <summary>
/// One <see cref="IContactClient.UpsertManyAsync"/> call: checks every input before any request, groups the valid
/// ones into batches of at most the batch limit (by email through <c>batch/upsert</c>, by id through
/// <c>batch/update</c>), runs the batches with bounded concurrency, and maps each answer back to its exact inputs —
/// results by the email or id sent, 207 <c>errors[]</c> by the ids their context names — so every input gets one
/// outcome.
/// </summary>
/// <remarks>
/// A batch never holds two inputs with the same key (HubSpot rejects duplicate ids in a batch), and a batch that
/// shares a key with an earlier one waits for it, so repeated contacts take effect in input order. A batch that fails
/// whole marks its inputs failed with that error, or unknown when the request may have been processed; it is never
/// sent again. Inputs HubSpot's answer neither returns nor rejects are reported unknown. Concurrency, ordering between
/// batches, progress and cancellation are the core's <see cref="BulkRun{T}"/>; this class adds HubSpot's batching rules
/// and answer mapping.
/// </remarks>
internal sealed class HubSpotContactBulkUpsert
{
    public const string NullItemCode = "NULL_ITEM";
    public const string MissingKeyCode = "MISSING_KEY";
    public const string InvalidItemCode = "INVALID_ITEM";
    public const string CancelledCode = "CANCELLED";
    public const string UnaccountedCode = "NOT_IN_RESPONSE";

    private readonly HubSpotObjectApi _api;
    private readonly HubSpotContactMapper _mapper;
    private readonly Contact?[] _items;
    private readonly ContactMatchKey _matchBy;
    private readonly BulkRun<Contact> _run;
    private readonly int _batchSize;

    public HubSpotContactBulkUpsert(HubSpotObjectApi api, HubSpotContactMapper mapper, Contact?[] items, ContactMatchKey matchBy, BulkOptions options, int maxBatchSize)
    {
        _api = api;
        _mapper = mapper;
        _items = items;
        _matchBy = matchBy;
        _run = new BulkRun<Contact>(items.Length, options)
        {
            CancelledMessage = "The operation was cancelled before this contact was sent; it was not applied.",
        };
        _batchSize = _run.BatchSize(maxBatchSize);
    }

    private enum Kind
    {
        ByEmail,
        ById,
    }

    public Task<BulkResult<Contact>> RunAsync(CancellationToken cancellationToken)
    {
        List<Batch> batches = Prepare();
        BulkChunk.OrderByKeys(batches, ScopedKey, StringComparer.OrdinalIgnoreCase);
        return _run.RunAsync(batches, RunBatchAsync, cancellationToken);
    }

    /// <summary>Rejects the inputs that cannot be sent, each with its reason, and groups the rest into batches.</summary>
    private List<Batch> Prepare()
    {
        var batches = new List<Batch>();
        Batch? byEmail = null;
        Batch? byId = null;
        for (int i = 0; i < _items.Length; i++)
        {
            Contact? contact = _items[i];
            BulkItemError? error = null;
            Dictionary<string, string>? properties = null;
            if (contact is null)
            {
                error = new BulkItemError($"The contact at index {i} is null.", NullItemCode);
            }
            else if (HubSpotContactKeys.FindProblem(contact, _matchBy) is { } problem)
            {
                error = new BulkItemError(problem.Message, MissingKeyCode, problem.Field);
            }
            else
            {
                try
                {
                    properties = _mapper.ToProperties(contact);
                }
                catch (ArgumentException ex)
                {
                    error = new BulkItemError(ex.Message, InvalidItemCode, Exception: ex);
                }
            }

            if (error is not null)
            {
                _run.Fail(i, error);
                continue;
            }

            bool byIdKey = HubSpotContactKeys.MatchesById(contact!, _matchBy);
            string key = byIdKey ? contact!.Id! : contact!.Email!.Value.Value;
            ref Batch? current = ref byIdKey ? ref byId : ref byEmail;
            if (current is null || current.Count == _batchSize || current.HasKey(key))
            {
                current = new Batch(byIdKey ? Kind.ById : Kind.ByEmail);
                batches.Add(current);
            }

            current.Add(i, key, properties!);
        }

        return batches;
    }

    /// <summary>The key of a valid input, scoped by how it is matched, so batches that share one run in input order.</summary>
    private string? ScopedKey(int index)
    {
        Contact contact = _items[index]!;
        return HubSpotContactKeys.MatchesById(contact, _matchBy) ? "id:" + contact.Id : "email:" + contact.Email!.Value.Value;
    }

    private async Task RunBatchAsync(Batch batch, CancellationToken cancellationToken)
    {
        var inputs = new List<HubSpotBatchInputItem>(batch.Count);
        for (int i = 0; i < batch.Count; i++)
        {
            inputs.Add(new HubSpotBatchInputItem
            {
                Id = batch.KeyAt(i),
                IdProperty = batch.Kind == Kind.ByEmail ? HubSpotPropertyNames.Email : null,
                Properties = batch.PropertiesAt(i),
            });
        }

        HubSpotBatchResponse response;
        try
        {
            var body = new HubSpotBatchInput { Inputs = inputs };
            response = batch.Kind == Kind.ByEmail
                ? await _api.BatchUpsertAsync(body, cancellationToken).ConfigureAwait(false)
                : await _api.BatchUpdateAsync(body, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            Complete(batch, BulkItemStatus.Unknown, new BulkItemError(
                "The operation was cancelled while this contact's batch was in flight; HubSpot may have applied it. Check HubSpot before retrying.",
                CancelledCode,
                Exception: ex));
            return;
        }
        catch (MartechException ex) when (ex.MayHaveBeenProcessed)
        {
            // No usable answer came (a lost connection, a broken body), or HubSpot answered 5xx after it may have acted.
            Complete(batch, BulkItemStatus.Unknown, new BulkItemError(
                $"HubSpot may have applied this contact's batch, so it was not sent again. Check HubSpot before retrying: {ex.Message}",
                "UNKNOWN_OUTCOME",
                Exception: ex));
            return;
        }
        catch (MartechException ex)
        {
            string? code = ex is MartechRequestException request ? request.ErrorCode : null;
            Complete(batch, BulkItemStatus.Failed, new BulkItemError(ex.Message, code ?? "BATCH_FAILED", Exception: ex));
            return;
        }

        Map(batch, response);
    }

    /// <summary>Maps a batch answer back to its inputs: results by the email or id sent, errors by the ids their
    /// context names; inputs named by neither are unknown.</summary>
    private void Map(Batch batch, HubSpotBatchResponse response)
    {
        var outcomes = new BulkItemResult<Contact>?[batch.Count];
        var position = new Dictionary<string, int>(batch.Count, batch.Kind == Kind.ByEmail ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        for (int i = 0; i < batch.Count; i++)
        {
            position[batch.KeyAt(i)] = i;
        }

        foreach (HubSpotObject result in response.Results ?? [])
        {
            string? key = batch.Kind == Kind.ByEmail
                ? (result.Properties is { } p && p.TryGetValue(HubSpotPropertyNames.Email, out string? email) ? email : null)
                : result.Id;
            if (key is not null && position.TryGetValue(key, out int at) && outcomes[at] is null)
            {
                BulkItemStatus status = batch.Kind == Kind.ById ? BulkItemStatus.Updated
                    : result.New switch { true => BulkItemStatus.Created, false => BulkItemStatus.Updated, null => BulkItemStatus.Succeeded };
                outcomes[at] = new BulkItemResult<Contact>(batch.IndexAt(at), status, _mapper.FromObject(result));
            }
        }

        List<string>? unmatched = null;
        foreach (HubSpotStandardError error in response.Errors ?? [])
        {
            bool matched = false;
            foreach (string id in HubSpotBatchErrors.IdsOf(error))
            {
                if (position.TryGetValue(id, out int at) && outcomes[at] is null)
                {
                    outcomes[at] = new BulkItemResult<Contact>(batch.IndexAt(at), BulkItemStatus.Failed, null, HubSpotBatchErrors.ToBulkError(error, _api.Redactor));
                    matched = true;
                }
            }

            if (!matched)
            {
                (unmatched ??= []).Add($"{error.Category}: {_api.Redactor.RedactText(HubSpotBatchErrors.MessageOf(error))}");
            }
        }

        for (int i = 0; i < batch.Count; i++)
        {
            BulkItemResult<Contact> outcome = outcomes[i] ?? new BulkItemResult<Contact>(
                batch.IndexAt(i),
                BulkItemStatus.Unknown,
                null,
                new BulkItemError(
                    "HubSpot's answer to this contact's batch neither returned nor rejected it; check HubSpot before retrying."
                        + (unmatched is null ? string.Empty : $" Errors HubSpot reported without naming their inputs: {string.Join("; ", unmatched)}"),
                    UnaccountedCode));
            _run.Settle(outcome);
        }
    }

    private void Complete(Batch batch, BulkItemStatus status, BulkItemError error) => _run.SettleRemaining(batch.Indexes, status, error);

    /// <summary>The inputs of one request, with their keys (email or id) and properties.</summary>
    private sealed class Batch : BulkChunk
    {
        private readonly List<int> _indexes;
        private readonly List<string> _keys = [];
        private readonly List<Dictionary<string, string>> _properties = [];
        private readonly HashSet<string> _keySet = new(StringComparer.OrdinalIgnoreCase);

        public Batch(Kind kind)
            : this(kind, [])
        {
        }

        private Batch(Kind kind, List<int> indexes)
            : base(indexes)
        {
            Kind = kind;
            _indexes = indexes;
        }

        public Kind Kind { get; }

        public int Count => _indexes.Count;

        public bool HasKey(string key) => _keySet.Contains(key);

        public void Add(int index, string key, Dictionary<string, string> properties)
        {
            _indexes.Add(index);
            _keys.Add(key);
            _keySet.Add(key);
            _properties.Add(properties);
        }

        public int IndexAt(int position) => _indexes[position];

        public string KeyAt(int position) => _keys[position];

        public Dictionary<string, string> PropertiesAt(int position) => _properties[position];
    }
}
