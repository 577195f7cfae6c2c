using System.Net;
using System.Text.Json;

namespace Martech.Sdk;

/// <summary>
/// Copies or moves contacts and leads from one provider instance to another (two HubSpot portals, Pipedrive →
/// HubSpot): field mapping, dedupe against the target, a resumable checkpoint, a per-record outcome report and a dry
/// run. See <see cref="ConsolidationOptions"/> for the settings.
/// </summary>
/// <remarks>
/// <para>The source is read page by page. After each record's outcome and after each page, the checkpoint (the
/// continuation token of the page in progress, the outcomes decided on that page and the totals) is saved under
/// <see cref="ConsolidationOptions.CheckpointKey"/> in the <see cref="ICheckpointStore"/>. A run that stops (a crash, a
/// cancellation, a transport failure) resumes from it: the page in progress is read again from its token, records with
/// an outcome are passed over, and a record written just before the stop (its outcome not yet saved) matches its own
/// copy on the target by email (or by phone, when <see cref="ConsolidationOptions.MatchByPhone"/> is set), so it is
/// updated (or skipped) rather than created twice. A record that cannot be matched that way (no email, and no phone
/// matching) may be written twice, and only when the stop falls between its write and the save.</para>
/// <para>A failure that belongs to one record (a mapping value that does not parse, the target refusing the record with
/// a 4xx answer) is that record's <see cref="ConsolidationStatus.Failed"/> outcome and the run goes on. Any other
/// failure (transport, timeout, rate limit, authentication, 5xx, cancellation) stops the run with the exception, with
/// the checkpoint holding everything decided so far; run it again to resume.</para>
/// <para>A move deletes a source record only after its target write succeeded, and saves the write (its outcome, the
/// delete pending) before deleting: a run stopped between the two deletes it again on resume (it may be gone already)
/// and reports it then. Deleting shifts offset-based paging, so a move reads the page in progress again after deleting
/// from it, until a read brings no record without an outcome; the page's outcome list holds only the records kept at the
/// source meanwhile (those deleted are reported and totalled, and cannot be read again).</para>
/// </remarks>
public sealed class Consolidation
{
    private readonly ICheckpointStore _checkpoints;
    private readonly TimeProvider _time;

    /// <summary>Creates the engine.</summary>
    /// <param name="checkpoints">Where checkpoints are kept; an <see cref="InMemoryCheckpointStore"/> (resumable within
    /// this process only) when <see langword="null"/>.</param>
    /// <param name="timeProvider">The clock stamped on checkpoints; the system clock when <see langword="null"/>.</param>
    public Consolidation(ICheckpointStore? checkpoints = null, TimeProvider? timeProvider = null)
    {
        _checkpoints = checkpoints ?? new InMemoryCheckpointStore();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Copies or moves the contacts of <paramref name="source"/> to <paramref name="target"/>.</summary>
    /// <param name="source">The source instance's contacts client.</param>
    /// <param name="target">The target instance's contacts client.</param>
    /// <param name="options">The settings; the defaults (copy, update existing, create missing) when
    /// <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run; the checkpoint keeps what was decided.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">The options are invalid, an instance name is unknown (no name given and the
    /// client reports none), or the checkpoint belongs to another run.</exception>
    /// <exception cref="InvalidOperationException">Another run advanced the same checkpoint meanwhile.</exception>
    public Task<ConsolidationResult> ConsolidateContactsAsync(IContactClient source, IContactClient target, ConsolidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new ConsolidationOptions();
        options.Validate(leads: false);
        var records = new ContactConsolidationRecords(source, target, new ConsolidationMapper(options, leads: false));
        return RunAsync(records, options, NameOf(options.SourceInstance, source.GetService<MartechProviderMetadata>(), "Source"), NameOf(options.TargetInstance, target.GetService<MartechProviderMetadata>(), "Target"), cancellationToken);
    }

    /// <summary>Copies the leads of <paramref name="source"/> to <paramref name="target"/> (a lead client has no delete,
    /// so leads are copied, never moved). Each lead is written without its source contact id: the target links it to
    /// the contact of its email address, as the target provider does for a new lead.</summary>
    /// <param name="source">The source instance's leads client.</param>
    /// <param name="target">The target instance's leads client.</param>
    /// <param name="options">The settings; the defaults when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Stops the run; the checkpoint keeps what was decided.</param>
    /// <returns>The totals.</returns>
    /// <exception cref="ArgumentException">The options are invalid (a move, among others), an instance name is unknown,
    /// or the checkpoint belongs to another run.</exception>
    /// <exception cref="InvalidOperationException">Another run advanced the same checkpoint meanwhile.</exception>
    public Task<ConsolidationResult> ConsolidateLeadsAsync(ILeadClient source, ILeadClient target, ConsolidationOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(target);
        options ??= new ConsolidationOptions();
        options.Validate(leads: true);
        var records = new LeadConsolidationRecords(source, target, new ConsolidationMapper(options, leads: true));
        return RunAsync(records, options, NameOf(options.SourceInstance, source.GetService<MartechProviderMetadata>(), "Source"), NameOf(options.TargetInstance, target.GetService<MartechProviderMetadata>(), "Target"), cancellationToken);
    }

    private static string NameOf(string? given, MartechProviderMetadata? metadata, string side) =>
        given ?? metadata?.Name ?? throw new ArgumentException(
            $"The {side.ToLowerInvariant()} client reports no provider instance name (MartechProviderMetadata); set ConsolidationOptions.{side}Instance.",
            $"{side}Instance");

    private async Task<ConsolidationResult> RunAsync<T>(ConsolidationRecords<T> records, ConsolidationOptions options, string source, string target, CancellationToken cancellationToken)
        where T : class
    {
        var run = new Run<T>(this, records, options, source, target);
        return await run.ExecuteAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a failure belongs to the one record (it is reported and the run goes on) rather than to the run.</summary>
    internal static bool IsRecordFailure(Exception exception) => exception switch
    {
        ArgumentException => true,
        MartechRateLimitedException or MartechAuthenticationException => false,
        MartechRequestException { StatusCode: { } status } => (int)status is >= 400 and < 500 && status != HttpStatusCode.RequestTimeout,
        _ => false,
    };

    internal static string Describe(Exception exception) => exception switch
    {
        MartechRequestException { ErrorCode: { } code } request => $"{request.Message} ({code})",
        _ => exception.Message,
    };

    /// <summary>One run: its checkpoint, its index and the pages.</summary>
    private sealed class Run<T>(Consolidation engine, ConsolidationRecords<T> records, ConsolidationOptions options, string source, string target)
        where T : class
    {
        private const string NoId = "(no id)";
        private readonly string _key = options.CheckpointKey ?? $"consolidation:{records.Kind}:{source}:{target}";
        private readonly bool _dryRun = options.DryRun;
        private ConsolidationCheckpoint _state = new() { Kind = records.Kind, Source = source, Target = target, Mode = options.Mode };
        private long _version;
        private ConsolidationTargetIndex _index = null!;

        public async Task<ConsolidationResult> ExecuteAsync(CancellationToken cancellationToken)
        {
            bool resumed = false;
            if (!_dryRun && await engine._checkpoints.GetAsync(_key, cancellationToken).ConfigureAwait(false) is { } entry)
            {
                _version = entry.Version;
                if (!options.StartOver)
                {
                    _state = Read(entry);
                    if (_state.Completed)
                    {
                        return Result(resumed: false, alreadyCompleted: true);
                    }

                    resumed = true;
                }
            }

            if (resumed)
            {
                await FinishPendingDeletesAsync(cancellationToken).ConfigureAwait(false);
            }

            _index = new ConsolidationTargetIndex(full: !records.CanLookUpByEmail || options.MatchByPhone, phones: options.MatchByPhone);
            if (_index.Full)
            {
                await foreach (T existing in records.ListTargetAsync(options.PageSize, cancellationToken).ConfigureAwait(false))
                {
                    _index.Add(records.EmailOf(existing), records.PhoneOf(existing), records.IdOf(existing));
                }
            }

            while (true)
            {
                Page<T> page = await records.ReadPageAsync(_state.PageToken, options.PageSize, cancellationToken).ConfigureAwait(false);
                bool deleted = await ProcessAsync(page, cancellationToken).ConfigureAwait(false);
                if (deleted)
                {
                    // A move deleted records of this page: read it again from the same token, since offset paging has
                    // shifted; the records kept at the source carry their outcomes and are passed over.
                    continue;
                }

                _state.PageToken = page.ContinuationToken;
                _state.Pages++;
                _state.Outcomes.Clear();
                _state.Completed = page.ContinuationToken is null;
                await SaveAsync(cancellationToken).ConfigureAwait(false);
                if (!_dryRun)
                {
                    _index.ClearPage();
                }

                if (_state.Completed)
                {
                    return Result(resumed, alreadyCompleted: false);
                }
            }
        }

        /// <summary>Decides the page's records that have no outcome yet; whether any source record was deleted.</summary>
        private async Task<bool> ProcessAsync(Page<T> page, CancellationToken cancellationToken)
        {
            var decided = new HashSet<string>(_state.Outcomes.Select(static o => o.SourceId), StringComparer.Ordinal);
            // Records without an id cannot be told apart: each is failed once, and on a re-read of the page (they stay
            // at the source, in listing order) as many as were failed already are passed over.
            int withoutIdDecided = _state.Outcomes.Count(static o => o.SourceId == NoId);
            var fresh = new List<(T Record, string Id)>(page.Items.Count);
            foreach (T record in page.Items)
            {
                string id = records.IdOf(record) ?? string.Empty;
                if (id.Length == 0)
                {
                    if (withoutIdDecided > 0)
                    {
                        withoutIdDecided--;
                    }
                    else
                    {
                        fresh.Add((record, id));
                    }
                }
                else if (decided.Add(id))
                {
                    fresh.Add((record, id));
                }
            }

            if (fresh.Count == 0)
            {
                return false;
            }

            var mapped = new List<(string Id, T? Mapped, string? Error)>(fresh.Count);
            var emails = new List<EmailAddress>(fresh.Count);
            foreach ((T record, string id) in fresh)
            {
                try
                {
                    T result = records.Map(record);
                    mapped.Add((id, result, null));
                    if (records.EmailOf(result) is { } email)
                    {
                        emails.Add(email);
                    }
                }
                catch (ArgumentException ex)
                {
                    mapped.Add((id, null, ex.Message));
                }
            }

            IReadOnlyDictionary<EmailAddress, string> found = await LookUpAsync(emails, cancellationToken).ConfigureAwait(false);
            bool deleted = false;
            foreach ((string id, T? record, string? error) in mapped)
            {
                ConsolidationOutcome outcome = id.Length == 0
                    ? new ConsolidationOutcome(NoId, ConsolidationStatus.Failed, Reason: "The source record has no id, so its outcome cannot be recorded; it was not copied.")
                    : record is null
                        ? new ConsolidationOutcome(id, ConsolidationStatus.Failed, Reason: error)
                        : await DecideAsync(id, record, found, cancellationToken).ConfigureAwait(false);
                deleted |= outcome.SourceDeleted && !_dryRun;
                await RecordAsync(outcome, cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }

        private async Task<IReadOnlyDictionary<EmailAddress, string>> LookUpAsync(List<EmailAddress> emails, CancellationToken cancellationToken)
        {
            if (_index.Full || emails.Count == 0)
            {
                return new Dictionary<EmailAddress, string>();
            }

            var found = new Dictionary<EmailAddress, string>();
            IReadOnlyList<EmailAddress> distinct = ContactClientExtensions.DistinctEmails(emails);
            for (int start = 0; start < distinct.Count; start += options.LookupBatchSize)
            {
                int count = Math.Min(options.LookupBatchSize, distinct.Count - start);
                var batch = new EmailAddress[count];
                for (int i = 0; i < count; i++)
                {
                    batch[i] = distinct[start + i];
                }

                foreach ((EmailAddress email, string id) in await records.FindOnTargetAsync(batch, cancellationToken).ConfigureAwait(false))
                {
                    found[email] = id;
                }
            }

            return found;
        }

        private async Task<ConsolidationOutcome> DecideAsync(string sourceId, T record, IReadOnlyDictionary<EmailAddress, string> found, CancellationToken cancellationToken)
        {
            EmailAddress? email = records.EmailOf(record);
            PhoneNumber? phone = records.PhoneOf(record);
            string? shown = email?.Value;
            string? targetId = null;
            string matchedBy = "email";
            bool matched = email is { } address && found.TryGetValue(address, out targetId);
            if (!matched)
            {
                matched = _index.TryFind(email, phone, out targetId, out matchedBy);
            }

            ConsolidationOutcome outcome;
            try
            {
                if (matched)
                {
                    string existing = targetId is null ? "a record this run would create" : $"'{targetId}'";
                    if (options.Existing == ExistingRecordPolicy.Skip)
                    {
                        return new ConsolidationOutcome(sourceId, ConsolidationStatus.Skipped, targetId, shown, $"Exists on {target} as {existing} (same {matchedBy}); the policy is to skip existing records.");
                    }

                    string? updated = _dryRun || targetId is null ? targetId : await records.UpdateAsync(record, targetId, cancellationToken).ConfigureAwait(false);
                    outcome = new ConsolidationOutcome(sourceId, ConsolidationStatus.Updated, updated, shown, $"Matched {existing} on {target} by {matchedBy}.");
                }
                else if (!options.CreateMissing)
                {
                    return new ConsolidationOutcome(sourceId, ConsolidationStatus.Skipped, null, shown, $"No match on {target}, and creating is off (CreateMissing).");
                }
                else if (_dryRun)
                {
                    _index.Add(email, phone, null);
                    outcome = new ConsolidationOutcome(sourceId, ConsolidationStatus.Created, null, shown, $"No match on {target} by email{(_index.Phones ? " or phone" : string.Empty)}.");
                }
                else
                {
                    (string? createdId, bool created) = await records.CreateAsync(record, cancellationToken).ConfigureAwait(false);
                    _index.Add(email, phone, createdId);
                    outcome = created
                        ? new ConsolidationOutcome(sourceId, ConsolidationStatus.Created, createdId, shown, $"No match on {target} by email{(_index.Phones ? " or phone" : string.Empty)}.")
                        : new ConsolidationOutcome(sourceId, ConsolidationStatus.Updated, createdId, shown, $"{target} found '{createdId}' by email when writing it.");
                }
            }
            catch (Exception ex) when (IsRecordFailure(ex))
            {
                return new ConsolidationOutcome(sourceId, ConsolidationStatus.Failed, null, shown, $"{target} refused the record: {Describe(ex)}");
            }

            if (options.Mode != ConsolidationMode.Move)
            {
                return outcome;
            }

            if (!_dryRun)
            {
                // The write is saved before the delete: a stop after the delete still reports the record on resume.
                _state.Outcomes.Add(new CheckpointOutcome
                {
                    SourceId = outcome.SourceId,
                    Status = outcome.Status,
                    TargetId = outcome.TargetId,
                    Email = outcome.Email,
                    Reason = outcome.Reason,
                    DeletePending = true,
                });
                await SaveAsync(cancellationToken).ConfigureAwait(false);
            }

            return await DeleteSourceAsync(outcome, resuming: false, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Finishes the moves a stopped run wrote but did not report: deletes each source record again (a record
        /// already gone was deleted before the stop) and reports it.</summary>
        private async Task FinishPendingDeletesAsync(CancellationToken cancellationToken)
        {
            foreach (CheckpointOutcome pending in _state.Outcomes.Where(static o => o.DeletePending).ToList())
            {
                var written = new ConsolidationOutcome(pending.SourceId, pending.Status, pending.TargetId, pending.Email, pending.Reason);
                await RecordAsync(await DeleteSourceAsync(written, resuming: true, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<ConsolidationOutcome> DeleteSourceAsync(ConsolidationOutcome outcome, bool resuming, CancellationToken cancellationToken)
        {
            if (_dryRun)
            {
                return outcome with { SourceDeleted = true };
            }

            try
            {
                bool deleted = await records.DeleteSourceAsync(outcome.SourceId, cancellationToken).ConfigureAwait(false);
                return deleted || resuming
                    ? outcome with { SourceDeleted = true }
                    : outcome with { Reason = $"{outcome.Reason} The source record was already gone from {source}." };
            }
            catch (Exception ex) when (IsRecordFailure(ex))
            {
                return outcome with { Reason = $"{outcome.Reason} Written to {target}, but {source} did not delete it: {Describe(ex)}" };
            }
        }

        private async Task RecordAsync(ConsolidationOutcome outcome, CancellationToken cancellationToken)
        {
            // The report first, then the checkpoint: a stop between the two sends the outcome again on resume (decided
            // afresh), so the report may repeat a record but never misses one.
            if (options.OnOutcome is { } sink)
            {
                await sink(outcome, cancellationToken).ConfigureAwait(false);
            }

            // The page's list keeps the records still at the source (so a re-read passes them over); a deleted record is
            // reported and totalled, and cannot be read again.
            _state.Outcomes.RemoveAll(o => o.DeletePending && string.Equals(o.SourceId, outcome.SourceId, StringComparison.Ordinal));
            if (_dryRun || !outcome.SourceDeleted)
            {
                _state.Outcomes.Add(new CheckpointOutcome { SourceId = outcome.SourceId, Status = outcome.Status, TargetId = outcome.TargetId });
            }

            _state.Totals.Count(outcome);
            await SaveAsync(cancellationToken).ConfigureAwait(false);
        }

        private async Task SaveAsync(CancellationToken cancellationToken)
        {
            if (_dryRun)
            {
                return;
            }

            _state.SavedAt = engine._time.GetUtcNow();
            string json = JsonSerializer.Serialize(_state, ConsolidationJsonContext.Default.ConsolidationCheckpoint);
            if (!await engine._checkpoints.TrySetAsync(_key, json, _version, CancellationToken.None).ConfigureAwait(false))
            {
                throw new InvalidOperationException(
                    $"The checkpoint '{_key}' was changed by another run while this one held it (expected version {_version}); run one consolidation per checkpoint key at a time.");
            }

            _version++;
        }

        private ConsolidationCheckpoint Read(CheckpointEntry entry)
        {
            ConsolidationCheckpoint? state;
            try
            {
                state = JsonSerializer.Deserialize(entry.Json, ConsolidationJsonContext.Default.ConsolidationCheckpoint);
            }
            catch (JsonException ex)
            {
                throw new ArgumentException($"The checkpoint '{_key}' is not a consolidation checkpoint ({ex.Message}); use another CheckpointKey, or StartOver.", ex);
            }

            if (state is null || !string.Equals(state.Kind, records.Kind, StringComparison.Ordinal)
                || !string.Equals(state.Source, source, StringComparison.Ordinal) || !string.Equals(state.Target, target, StringComparison.Ordinal))
            {
                throw new ArgumentException(
                    $"The checkpoint '{_key}' belongs to a run of {state?.Kind ?? "(nothing)"} from '{state?.Source}' to '{state?.Target}', not {records.Kind} from '{source}' to '{target}'; use another CheckpointKey, or StartOver.");
            }

            return state;
        }

        private ConsolidationResult Result(bool resumed, bool alreadyCompleted) => new()
        {
            CheckpointKey = _key,
            Source = source,
            Target = target,
            DryRun = _dryRun,
            Resumed = resumed,
            AlreadyCompleted = alreadyCompleted,
            Pages = _state.Pages,
            Created = _state.Totals.Created,
            Updated = _state.Totals.Updated,
            Skipped = _state.Totals.Skipped,
            Failed = _state.Totals.Failed,
            SourceDeleted = _state.Totals.SourceDeleted,
        };
    }
}
