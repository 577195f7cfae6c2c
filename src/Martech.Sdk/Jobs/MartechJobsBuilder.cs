using System.Runtime.CompilerServices;
using Microsoft.Extensions.DependencyInjection;

namespace Martech.Sdk;

/// <summary>Adds jobs to <see cref="IMartechJobRunner"/>; returned by <c>services.AddMartechJobs()</c>. The provider
/// instances a job names and the uniqueness of job names (ignoring case) are checked when the host starts.</summary>
public sealed class MartechJobsBuilder
{
    private readonly MartechJobDefinitions _definitions;

    internal MartechJobsBuilder(IServiceCollection services, MartechJobDefinitions definitions)
    {
        Services = services;
        _definitions = definitions;
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Adds a job that creates or updates contacts at a provider instance, matched as
    /// <paramref name="matchBy"/> says (by email with the default). Sending a contact again updates it, so the chunk in
    /// flight when a run stopped is sent again on resume.</summary>
    /// <param name="name">The job's name; no <c>:</c>.</param>
    /// <param name="instance">The provider instance written to (it must supply <see cref="IContactClient"/>).</param>
    /// <param name="source">Creates the job's input, once per call of <see cref="IMartechJobRunner.RunAsync"/>.</param>
    /// <param name="matchBy">How contacts are matched. The default value is <see cref="ContactMatchKey.Auto"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An argument is missing or the name holds <c>:</c>.</exception>
    public MartechJobsBuilder AddContactUpsertJob(string name, string instance, Func<IServiceProvider, IMartechJobSource<Contact>> source, ContactMatchKey matchBy = ContactMatchKey.Auto)
    {
        CheckName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(source);
        _definitions.Add(new MartechUpsertJobDefinition<Contact>(
            name, "contact-upsert", [("instance", instance, typeof(IContactClient))], source,
            (sp, options) => new ContactJobWriter(Client<IContactClient>(sp, instance), matchBy, options.ContactCreatedMargin)));
        return this;
    }

    /// <summary>Adds a job that writes leads to a provider instance: a lead with an id is updated, one without is
    /// created. A lead create has no natural key, so on resume the leads of the chunk in flight are looked up by email
    /// first and only those not found are created; see <see cref="MartechJobsOptions.LeadLookupMargin"/>.</summary>
    /// <param name="name">The job's name; no <c>:</c>.</param>
    /// <param name="instance">The provider instance written to (it must supply <see cref="ILeadClient"/>).</param>
    /// <param name="source">Creates the job's input, once per call of <see cref="IMartechJobRunner.RunAsync"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An argument is missing or the name holds <c>:</c>.</exception>
    public MartechJobsBuilder AddLeadUpsertJob(string name, string instance, Func<IServiceProvider, IMartechJobSource<Lead>> source)
    {
        CheckName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(source);
        _definitions.Add(new MartechUpsertJobDefinition<Lead>(
            name, "lead-upsert", [("instance", instance, typeof(ILeadClient))], source,
            (sp, options) => new LeadJobWriter(Client<ILeadClient>(sp, instance), options.LeadLookupMargin)));
        return this;
    }

    /// <summary>Adds a job that adds suppressions to a provider instance's suppression list. Adding a suppression
    /// twice changes nothing, so the chunk in flight when a run stopped is sent again on resume.</summary>
    /// <param name="name">The job's name; no <c>:</c>.</param>
    /// <param name="targetInstance">The provider instance written to (it must supply <see cref="IEmailSuppressionList"/>).</param>
    /// <param name="source">Creates the job's input, once per call of <see cref="IMartechJobRunner.RunAsync"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An argument is missing or the name holds <c>:</c>.</exception>
    public MartechJobsBuilder AddSuppressionSyncJob(string name, string targetInstance, Func<IServiceProvider, IMartechJobSource<EmailSuppression>> source)
    {
        CheckName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetInstance);
        ArgumentNullException.ThrowIfNull(source);
        return AddSuppressionSync(name, targetInstance, source, [("target", targetInstance, typeof(IEmailSuppressionList))]);
    }

    /// <summary>Adds a job that copies the suppressions of one provider instance's list to another's. The source list
    /// is read in its listing order, which must not change during a run: a run resumed at position <c>n</c> lists the
    /// source from the start and passes over its first <c>n</c> suppressions.</summary>
    /// <param name="name">The job's name; no <c>:</c>.</param>
    /// <param name="sourceInstance">The provider instance read from (it must supply <see cref="IEmailSuppressionList"/>).</param>
    /// <param name="targetInstance">The provider instance written to (it must supply <see cref="IEmailSuppressionList"/>).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An argument is missing, the name holds <c>:</c>, or both instances are the same.</exception>
    public MartechJobsBuilder AddSuppressionSyncJob(string name, string sourceInstance, string targetInstance)
    {
        CheckName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(sourceInstance);
        ArgumentException.ThrowIfNullOrWhiteSpace(targetInstance);
        if (string.Equals(sourceInstance, targetInstance, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"Job '{name}' copies suppressions from '{sourceInstance}' to itself; name two instances.", nameof(targetInstance));
        }

        return AddSuppressionSync(
            name,
            targetInstance,
            sp => MartechJobSource.FromDelegate((from, ct) => Skip(Client<IEmailSuppressionList>(sp, sourceInstance).ListAsync(null, ct), from, ct)),
            [("source", sourceInstance, typeof(IEmailSuppressionList)), ("target", targetInstance, typeof(IEmailSuppressionList))]);
    }

    /// <summary>Adds a job that exports a provider instance's contacts to a sink, page by page, resuming from the
    /// listing's continuation token; the sink is cut back to the length the checkpoint recorded, so no contact is
    /// written twice. An export cannot be sharded.</summary>
    /// <param name="name">The job's name; no <c>:</c>.</param>
    /// <param name="instance">The provider instance read from (it must supply <see cref="IContactClient"/>).</param>
    /// <param name="sink">Creates the output, once per call of <see cref="IMartechJobRunner.RunAsync"/>, such as
    /// <see cref="MartechJobSink.ContactJsonLines"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException">An argument is missing or the name holds <c>:</c>.</exception>
    public MartechJobsBuilder AddContactExportJob(string name, string instance, Func<IServiceProvider, IMartechJobSink<Contact>> sink)
    {
        CheckName(name);
        ArgumentException.ThrowIfNullOrWhiteSpace(instance);
        ArgumentNullException.ThrowIfNull(sink);
        _definitions.Add(new MartechContactExportJobDefinition(name, instance, sink));
        return this;
    }

    private MartechJobsBuilder AddSuppressionSync(string name, string targetInstance, Func<IServiceProvider, IMartechJobSource<EmailSuppression>> source, IReadOnlyList<(string, string, Type)> instances)
    {
        _definitions.Add(new MartechUpsertJobDefinition<EmailSuppression>(
            name, "suppression-sync", instances, source,
            (sp, _) => new SuppressionJobWriter(Client<IEmailSuppressionList>(sp, targetInstance))));
        return this;
    }

    private static async IAsyncEnumerable<T> Skip<T>(IAsyncEnumerable<T> items, long count, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        long seen = 0;
        await foreach (T item in items.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (seen++ >= count)
            {
                yield return item;
            }
        }
    }

    private static T Client<T>(IServiceProvider services, string instance)
        where T : class => MartechJobDefinition.Client<T>(services, instance);

    private static void CheckName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (name.Contains(':', StringComparison.Ordinal))
        {
            throw new ArgumentException($"The job name '{name}' contains ':', which separates the parts of checkpoint keys; choose a name without it.", nameof(name));
        }
    }
}
