namespace Martech.Sdk;

/// <summary>
/// The ordering guard of contact events: vendors deliver out of order and redeliver late, so a change is compared with
/// the newest already handled for the same contact, by the resource's own timestamp (<see cref="ContactEvent.ChangedAt"/>,
/// else <see cref="MartechEvent.OccurredAt"/>).
/// </summary>
/// <remarks>
/// <para>Created, deleted and merged events (and changes without a property list) are versions of the whole contact: one
/// older than the newest handled is superseded. A property change is checked per property: properties changed later
/// by a handled event are removed from it, and when none are left, or the contact was deleted, merged or recreated
/// later, it is superseded. Equal timestamps pass, so a retried event is never mistaken for a stale one.</para>
/// <para>The check (<see cref="FilterAsync"/>) and the record (<see cref="RecordAsync"/>) are apart: the dispatcher runs the
/// handlers between them, one event per contact at a time, so a version is recorded only once its change was handled —
/// a change whose handlers keep failing never makes an older one look stale.</para>
/// </remarks>
internal static class ContactEventOrdering
{
    private const string WholeContact = "*";

    public static string ResourceOf(ContactEvent e) => $"{e.Provider}:{e.ObjectType}:{e.ContactId}";

    /// <returns>The event to hand to handlers (possibly with fewer properties), or <see langword="null"/> when it is
    /// superseded.</returns>
    public static async Task<ContactEvent?> FilterAsync(IWebhookEventStore store, ContactEvent e, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(e.ContactId))
        {
            return e;
        }

        DateTimeOffset version = VersionOf(e);
        string resource = ResourceOf(e) + "|";
        DateTimeOffset? whole = await store.GetVersionAsync(resource + WholeContact, cancellationToken).ConfigureAwait(false);
        if (whole > version)
        {
            return null;
        }

        if (!IsPropertyChange(e))
        {
            return e;
        }

        Dictionary<string, string?>? kept = null;
        int index = 0;
        foreach (var (property, value) in e.ChangedProperties)
        {
            bool current = !(await store.GetVersionAsync(resource + property, cancellationToken).ConfigureAwait(false) > version);
            if (!current && kept is null)
            {
                kept = new Dictionary<string, string?>(StringComparer.Ordinal);
                int copied = 0;
                foreach (var pair in e.ChangedProperties)
                {
                    if (copied++ == index)
                    {
                        break;
                    }

                    kept[pair.Key] = pair.Value;
                }
            }
            else if (current && kept is not null)
            {
                kept[property] = value;
            }

            index++;
        }

        return kept is null ? e : kept.Count == 0 ? null : e with { ChangedProperties = kept };
    }

    /// <summary>Records the versions a handled change set: the whole contact, or each of its properties.</summary>
    public static async Task RecordAsync(IWebhookEventStore store, ContactEvent e, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(e.ContactId))
        {
            return;
        }

        DateTimeOffset version = VersionOf(e);
        string resource = ResourceOf(e) + "|";
        if (!IsPropertyChange(e))
        {
            await store.TryAdvanceVersionAsync(resource + WholeContact, version, cancellationToken).ConfigureAwait(false);
            return;
        }

        foreach (string property in e.ChangedProperties.Keys)
        {
            await store.TryAdvanceVersionAsync(resource + property, version, cancellationToken).ConfigureAwait(false);
        }
    }

    private static DateTimeOffset VersionOf(ContactEvent e) => e.ChangedAt ?? e.OccurredAt;

    private static bool IsPropertyChange(ContactEvent e) => e.Type == ContactEventType.Changed && e.ChangedProperties.Count > 0;
}
