namespace Martech.Sdk;

/// <summary>
/// The ordering guard of contact events: vendors deliver out of order and redeliver late, so a change is compared with
/// the newest already handled for the same contact, by the resource's own timestamp (<see cref="ContactEvent.ChangedAt"/>,
/// else <see cref="MartechEvent.OccurredAt"/>).
/// </summary>
/// <remarks>
/// Created, deleted and merged events (and changes without a property list) are versions of the whole contact: one
/// older than the newest recorded is superseded. A property change is checked per property: properties changed later
/// by a handled event are removed from it, and when none are left, or the contact was deleted, merged or recreated
/// later, it is superseded. Equal timestamps pass, so a retried event is never mistaken for a stale one.
/// </remarks>
internal static class ContactEventOrdering
{
    private const string WholeContact = "*";

    public static string ResourceOf(ContactEvent e) => $"{e.Provider}:{e.ObjectType}:{e.ContactId}";

    /// <returns>The event to hand to handlers (possibly with fewer properties), or <see langword="null"/> when it is
    /// superseded.</returns>
    public static async Task<ContactEvent?> ApplyAsync(IWebhookEventStore store, ContactEvent e, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(e.ContactId))
        {
            return e;
        }

        DateTimeOffset version = e.ChangedAt ?? e.OccurredAt;
        string resource = ResourceOf(e) + "|";
        if (e.Type != ContactEventType.Changed || e.ChangedProperties.Count == 0)
        {
            return await store.TryAdvanceVersionAsync(resource + WholeContact, version, cancellationToken).ConfigureAwait(false) ? e : null;
        }

        DateTimeOffset? whole = await store.GetVersionAsync(resource + WholeContact, cancellationToken).ConfigureAwait(false);
        if (whole > version)
        {
            return null;
        }

        Dictionary<string, string?>? kept = null;
        int index = 0;
        foreach (var (property, value) in e.ChangedProperties)
        {
            bool current = await store.TryAdvanceVersionAsync(resource + property, version, cancellationToken).ConfigureAwait(false);
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
}
