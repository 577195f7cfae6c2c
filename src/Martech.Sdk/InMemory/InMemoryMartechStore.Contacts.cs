namespace Martech.Sdk;

// The contacts of the store: upsert with email uniqueness, merge on update, delete and erase.
// The state and the public API are in InMemoryMartechStore.cs.
public sealed partial class InMemoryMartechStore
{
    internal Contact? GetContact(string id)
    {
        lock (_gate)
        {
            return _contacts.TryGetValue(id, out var entry) ? entry.Value with { } : null;
        }
    }

    internal Contact? FindContactByEmail(EmailAddress email)
    {
        lock (_gate)
        {
            return _contactsByEmail.TryGetValue(email, out var entry) ? entry.Value with { } : null;
        }
    }

    /// <summary>Creates or updates a contact whose key the caller has already checked.</summary>
    internal InMemoryOutcome<Contact> UpsertContact(Contact incoming, ContactMatchKey matchBy)
    {
        EmailAddress? email = Normalise(incoming.Email);
        bool byId = matchBy == ContactMatchKey.Id || (matchBy == ContactMatchKey.Auto && incoming.Id is not null);
        lock (_gate)
        {
            DateTimeOffset now = TimeProvider.GetUtcNow();
            if (byId)
            {
                return _contacts.TryGetValue(incoming.Id!, out var byIdEntry)
                    ? UpdateContact(byIdEntry, incoming, email, now)
                    : InMemoryFailure.NotFound($"There is no contact with id '{incoming.Id}'.", nameof(Contact.Id));
            }

            EmailAddress key = email ?? throw new InvalidOperationException("An upsert by email needs an email address.");
            if (_contactsByEmail.TryGetValue(key, out var byEmailEntry))
            {
                return UpdateContact(byEmailEntry, incoming, email, now);
            }

            Contact created = CreateContact(incoming, now);
            return InMemoryOutcome<Contact>.Success(created with { }, created: true);
        }
    }

    internal bool DeleteContact(string id, bool erase)
    {
        lock (_gate)
        {
            if (!_contacts.Remove(id, out var entry))
            {
                return false;
            }

            _contactOrder.Remove(entry.Sequence);
            EmailAddress? email = entry.Value.Email;
            if (email is { } address && _contactsByEmail.TryGetValue(address, out var holder) && ReferenceEquals(holder, entry))
            {
                _contactsByEmail.Remove(address);
            }

            if (erase)
            {
                foreach (CampaignState campaign in _campaigns.Values)
                {
                    if (campaign.Members.Remove(id, out var membership))
                    {
                        campaign.MemberOrder.Remove(membership.Sequence);
                    }
                }

                if (email is { } erased)
                {
                    _emailEvents.RemoveAll(e => e.Recipient == erased);
                }
            }

            return true;
        }
    }

    internal (IReadOnlyList<Contact> Items, long? Next) ListContacts(long after, int size, Func<Contact, bool> match)
    {
        lock (_gate)
        {
            var items = _contactOrder.TakeAfter(after, size, e => match(e.Value), static e => e.Value with { }, out long? next);
            return (items, next);
        }
    }

    private Contact CreateContact(Contact incoming, DateTimeOffset now)
    {
        long sequence = ++_contactSequence;
        Contact stored = incoming with
        {
            Id = NewId("c_", sequence),
            Email = Normalise(incoming.Email),
            CreatedAt = now,
            UpdatedAt = now,
            CustomFields = Merge(null, incoming.CustomFields),
            Raw = default,
        };
        var entry = new InMemoryEntry<Contact>(sequence, stored);
        _contacts.Add(stored.Id, entry);
        _contactOrder.Append(sequence, entry);
        if (stored.Email is { } email)
        {
            _contactsByEmail.Add(email, entry);
        }

        return stored;
    }

    private InMemoryOutcome<Contact> UpdateContact(InMemoryEntry<Contact> entry, Contact incoming, EmailAddress? email, DateTimeOffset now)
    {
        Contact current = entry.Value;
        if (email is { } newEmail && _contactsByEmail.TryGetValue(newEmail, out var holder) && !ReferenceEquals(holder, entry))
        {
            return InMemoryFailure.Conflict(
                InMemoryFailure.DuplicateEmailCode,
                $"Another contact ('{holder.Value.Id}') already has the email address {newEmail}.",
                nameof(Contact.Email));
        }

        Contact updated = current with
        {
            Email = email ?? current.Email,
            Phone = incoming.Phone ?? current.Phone,
            FirstName = incoming.FirstName ?? current.FirstName,
            LastName = incoming.LastName ?? current.LastName,
            Company = incoming.Company ?? current.Company,
            JobTitle = incoming.JobTitle ?? current.JobTitle,
            LifecycleStage = incoming.LifecycleStage ?? current.LifecycleStage,
            EmailConsent = incoming.EmailConsent ?? current.EmailConsent,
            SmsConsent = incoming.SmsConsent ?? current.SmsConsent,
            OwnerId = incoming.OwnerId ?? current.OwnerId,
            UpdatedAt = now,
            CustomFields = Merge(current.CustomFields, incoming.CustomFields),
        };
        ReplaceContact(entry, updated);
        return InMemoryOutcome<Contact>.Success(updated with { });
    }

    /// <summary>Stores a new value for a contact and keeps the email index in step.</summary>
    private void ReplaceContact(InMemoryEntry<Contact> entry, Contact updated)
    {
        if (entry.Value.Email is { } old && _contactsByEmail.TryGetValue(old, out var holder) && ReferenceEquals(holder, entry))
        {
            _contactsByEmail.Remove(old);
        }

        entry.Value = updated;
        if (updated.Email is { } email)
        {
            _contactsByEmail[email] = entry;
        }
    }
}
