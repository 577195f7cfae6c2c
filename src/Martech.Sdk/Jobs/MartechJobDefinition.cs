using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>A registered job: its name, kind, the provider instances it uses, and how it runs one shard.</summary>
internal abstract class MartechJobDefinition(string name, string kind)
{
    public string Name { get; } = name;

    public string Kind { get; } = kind;

    /// <summary>Whether the job's input can be split into shards (an export reads one listing, so it cannot).</summary>
    public virtual bool Shardable => true;

    /// <summary>The provider instances the job uses: (what for, the instance, the capability it needs).</summary>
    public abstract IEnumerable<(string Role, string Instance, Type Capability)> Instances { get; }

    /// <summary>Runs (or resumes) a shard whose checkpoint is loaded and claimed, up to the end of its input.</summary>
    public abstract Task RunAsync(MartechJobShard shard, IServiceProvider services, MartechJobsOptions options, CancellationToken cancellationToken);

    /// <summary>The client of a registered instance, whose name may differ in case from the one the job gives.</summary>
    public static T Client<T>(IServiceProvider services, string instance)
        where T : class
    {
        MartechRegistry registry = services.GetRequiredService<MartechRegistry>();
        string registered = registry.ProvidersOf(typeof(T)).First(p => string.Equals(p, instance, StringComparison.OrdinalIgnoreCase));
        return services.GetRequiredKeyedService<T>(registered);
    }
}

/// <summary>A job that writes the items of an input to a provider instance, chunk by chunk.</summary>
internal sealed class MartechUpsertJobDefinition<T>(
    string name,
    string kind,
    IReadOnlyList<(string Role, string Instance, Type Capability)> instances,
    Func<IServiceProvider, IMartechJobSource<T>> source,
    Func<IServiceProvider, MartechJobsOptions, IMartechJobWriter<T>> writer) : MartechJobDefinition(name, kind)
    where T : class
{
    public override IEnumerable<(string Role, string Instance, Type Capability)> Instances => instances;

    public override async Task RunAsync(MartechJobShard shard, IServiceProvider services, MartechJobsOptions options, CancellationToken cancellationToken)
    {
        IMartechJobSource<T> input = source(services) ?? throw new InvalidOperationException($"The source factory of job '{Name}' returned null; return an IMartechJobSource.");
        IMartechJobWriter<T> output = writer(services, options);
        MartechJobCheckpoint state = shard.State;
        if (state.InFlight is { } lost)
        {
            await ResumeLostChunkAsync(shard, input, output, lost, cancellationToken).ConfigureAwait(false);
        }

        long from = state.Cursor;
        long position = from;
        var chunk = new List<(long Position, T? Item)>(options.ChunkSize);
        await foreach (T? item in input.ReadAsync(from, cancellationToken).ConfigureAwait(false))
        {
            if (position % state.ShardCount == state.Shard)
            {
                chunk.Add((position, item));
            }

            position++;
            if (chunk.Count == options.ChunkSize)
            {
                await SendAsync(shard, output, chunk, from, position, cancellationToken).ConfigureAwait(false);
                chunk.Clear();
                from = position;
            }
        }

        if (chunk.Count > 0)
        {
            await SendAsync(shard, output, chunk, from, position, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            state.Cursor = position;
        }
    }

    /// <summary>The chunk the checkpoint holds as sent but not recorded: recorded by an earlier attempt whose checkpoint
    /// save was lost (taken as it is), or sent again.</summary>
    private static async Task ResumeLostChunkAsync(MartechJobShard shard, IMartechJobSource<T> input, IMartechJobWriter<T> output, MartechJobInFlight lost, CancellationToken cancellationToken)
    {
        if (await shard.ReadChunkAsync(lost.Chunk, cancellationToken).ConfigureAwait(false) is { } recorded)
        {
            await shard.AdoptAsync(recorded, lost.To).ConfigureAwait(false);
            return;
        }

        var wanted = new HashSet<long>(lost.Positions);
        var chunk = new List<(long Position, T? Item)>(lost.Positions.Count);
        long position = lost.From;
        await foreach (T? item in input.ReadAsync(lost.From, cancellationToken).ConfigureAwait(false))
        {
            if (position >= lost.To)
            {
                break;
            }

            if (wanted.Contains(position))
            {
                chunk.Add((position, item));
            }

            position++;
        }

        if (chunk.Count != lost.Positions.Count)
        {
            throw new InvalidOperationException(
                $"The input of job '{shard.State.Job}' changed: the chunk sent before the stop had {lost.Positions.Count} item(s) at positions {lost.From} to {lost.To - 1}, and reading them again found {chunk.Count}. A run needs the same input on every read; start a new run id.");
        }

        // As for a first send: once sent, the chunk is recorded, so a cancellation now must not turn its items into
        // "cancelled before it was sent" outcomes recorded for good.
        cancellationToken.ThrowIfCancellationRequested();
        IReadOnlyList<MartechJobItemOutcome> outcomes = await WriteAsync(output, chunk, lost, CancellationToken.None).ConfigureAwait(false);
        await shard.RecordAsync(outcomes, lost.To).ConfigureAwait(false);
    }

    private static async Task SendAsync(MartechJobShard shard, IMartechJobWriter<T> output, List<(long Position, T? Item)> chunk, long from, long to, CancellationToken cancellationToken)
    {
        // Cancellation is honoured between chunks: a chunk once sent is recorded, so nothing is sent twice for it.
        cancellationToken.ThrowIfCancellationRequested();
        var inFlight = new MartechJobInFlight
        {
            Chunk = shard.State.Chunks,
            From = from,
            To = to,
            Positions = [.. chunk.Select(static c => c.Position)],
            StartedAt = shard.Now,
        };
        shard.State.InFlight = inFlight;
        await shard.SaveAsync().ConfigureAwait(false);
        IReadOnlyList<MartechJobItemOutcome> outcomes = await WriteAsync(output, chunk, null, CancellationToken.None).ConfigureAwait(false);
        await shard.RecordAsync(outcomes, to).ConfigureAwait(false);
    }

    /// <summary>Sends a chunk's items; an item the input gave as <see langword="null"/> fails without being sent.</summary>
    private static async Task<IReadOnlyList<MartechJobItemOutcome>> WriteAsync(IMartechJobWriter<T> output, List<(long Position, T? Item)> chunk, MartechJobInFlight? lost, CancellationToken cancellationToken)
    {
        List<(long Position, T Item)> items = [.. chunk.Where(static c => c.Item is not null).Select(static c => (c.Position, c.Item!))];
        IReadOnlyList<MartechJobItemOutcome> sent = items.Count == 0 ? [] : await output.WriteAsync(items, lost, cancellationToken).ConfigureAwait(false);
        if (items.Count == chunk.Count)
        {
            return sent;
        }

        var outcomes = new List<MartechJobItemOutcome>(chunk.Count);
        outcomes.AddRange(sent);
        foreach ((long position, T? item) in chunk)
        {
            if (item is null)
            {
                outcomes.Add(new MartechJobItemOutcome(position, null, BulkItemStatus.Failed, Error: new BulkItemError($"The input item at position {position} is null.", "INVALID")));
            }
        }

        outcomes.Sort(static (a, b) => a.Position.CompareTo(b.Position));
        return outcomes;
    }
}

/// <summary>A job that copies a provider instance's contacts to a sink, page by page, resuming from the listing's
/// continuation token.</summary>
internal sealed class MartechContactExportJobDefinition(string name, string instance, Func<IServiceProvider, IMartechJobSink<Contact>> sink)
    : MartechJobDefinition(name, "contact-export")
{
    public override bool Shardable => false;

    public override IEnumerable<(string Role, string Instance, Type Capability)> Instances => [("instance", instance, typeof(IContactClient))];

    public override async Task RunAsync(MartechJobShard shard, IServiceProvider services, MartechJobsOptions options, CancellationToken cancellationToken)
    {
        IContactClient contacts = Client<IContactClient>(services, instance);
        IMartechJobSink<Contact> output = sink(services) ?? throw new InvalidOperationException($"The sink factory of job '{Name}' returned null; return an IMartechJobSink.");
        MartechJobCheckpoint state = shard.State;
        // Whatever was written after the last checkpoint is cut off, and written again from the same page.
        await output.OpenAsync(state.SinkLength, cancellationToken).ConfigureAwait(false);
        bool replace = true;
        while (state.Chunks == 0 || state.PageToken is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Page<Contact> page = await FirstPageAsync(contacts, state.PageToken, options.ChunkSize, cancellationToken).ConfigureAwait(false);
            long length = await output.WriteAsync(page.Items, cancellationToken).ConfigureAwait(false);
            var outcomes = new MartechJobItemOutcome[page.Items.Count];
            for (int i = 0; i < outcomes.Length; i++)
            {
                Contact contact = page.Items[i];
                outcomes[i] = new MartechJobItemOutcome(state.Cursor + i, contact.Email is { IsEmpty: false } email ? email.Value : null, BulkItemStatus.Succeeded, contact.Id);
            }

            state.PageToken = page.ContinuationToken;
            state.SinkLength = length;
            // Only the first chunk after a resume can meet outcomes of an attempt whose checkpoint save was lost.
            await shard.RecordAsync(outcomes, state.Cursor + outcomes.Length, replace).ConfigureAwait(false);
            replace = false;
        }
    }

    private static async Task<Page<Contact>> FirstPageAsync(IContactClient contacts, string? token, int size, CancellationToken cancellationToken)
    {
        await foreach (Page<Contact> page in contacts.ListAsync(new ContactListOptions { PageSize = size }, cancellationToken).AsPages(token, size).WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            return page;
        }

        return new Page<Contact>([], null);
    }
}
