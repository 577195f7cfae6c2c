namespace Martech.Sdk;

// The leads of the store: create, merge on update, and conversion into contacts and deals.
// The state and the public API are in InMemoryMartechStore.cs.
public sealed partial class InMemoryMartechStore
{
    internal Lead CreateLead(Lead incoming)
    {
        lock (_gate)
        {
            DateTimeOffset now = TimeProvider.GetUtcNow();
            long sequence = ++_leadSequence;
            Lead stored = incoming with
            {
                Id = NewId("l_", sequence),
                Email = Normalise(incoming.Email),
                Status = incoming.Status is { } createdStatus && !IsUnset(createdStatus) ? createdStatus : LeadStatus.New,
                CreatedAt = now,
                UpdatedAt = now,
                CustomFields = Merge(null, incoming.CustomFields),
                Raw = default,
            };
            var entry = new InMemoryEntry<Lead>(sequence, stored);
            _leads.Add(stored.Id, entry);
            _leadOrder.Append(sequence, entry);
            return stored with { };
        }
    }

    internal InMemoryOutcome<Lead> UpdateLead(Lead incoming)
    {
        lock (_gate)
        {
            if (!_leads.TryGetValue(incoming.Id!, out var entry))
            {
                return InMemoryFailure.NotFound($"There is no lead with id '{incoming.Id}'.", nameof(Lead.Id));
            }

            Lead current = entry.Value;
            Lead updated = current with
            {
                ContactId = incoming.ContactId ?? current.ContactId,
                Email = Normalise(incoming.Email) ?? current.Email,
                Phone = incoming.Phone ?? current.Phone,
                FirstName = incoming.FirstName ?? current.FirstName,
                LastName = incoming.LastName ?? current.LastName,
                Company = incoming.Company ?? current.Company,
                Title = incoming.Title ?? current.Title,
                Status = incoming.Status is { } updatedStatus && !IsUnset(updatedStatus) ? updatedStatus : current.Status,
                Source = incoming.Source ?? current.Source,
                Score = incoming.Score ?? current.Score,
                OwnerId = incoming.OwnerId ?? current.OwnerId,
                UpdatedAt = TimeProvider.GetUtcNow(),
                CustomFields = Merge(current.CustomFields, incoming.CustomFields),
            };
            entry.Value = updated;
            return InMemoryOutcome<Lead>.Success(updated with { });
        }
    }

    internal Lead? GetLead(string id)
    {
        lock (_gate)
        {
            return _leads.TryGetValue(id, out var entry) ? entry.Value with { } : null;
        }
    }

    internal (IReadOnlyList<Lead> Items, long? Next) ListLeads(long after, int size, Func<Lead, bool> match)
    {
        lock (_gate)
        {
            var items = _leadOrder.TakeAfter(after, size, e => match(e.Value), static e => e.Value with { }, out long? next);
            return (items, next);
        }
    }

    /// <summary>Converts a lead: finds or creates its contact, optionally a deal, and marks the lead converted, all
    /// at once.</summary>
    internal InMemoryOutcome<LeadConversionResult> ConvertLead(string id, string? existingContactId, bool createDeal)
    {
        lock (_gate)
        {
            if (!_leads.TryGetValue(id, out var leadEntry))
            {
                return InMemoryFailure.NotFound($"There is no lead with id '{id}'.");
            }

            Lead lead = leadEntry.Value;
            if (lead.Status == LeadStatus.Converted)
            {
                return InMemoryFailure.Conflict(
                    InMemoryFailure.LeadAlreadyConvertedCode,
                    $"Lead '{id}' was already converted (into contact '{lead.ContactId}').",
                    nameof(Lead.Status));
            }

            DateTimeOffset now = TimeProvider.GetUtcNow();
            InMemoryEntry<Contact>? contactEntry = null;
            if (existingContactId is not null)
            {
                if (!_contacts.TryGetValue(existingContactId, out contactEntry))
                {
                    return InMemoryFailure.NotFound(
                        $"There is no contact with id '{existingContactId}' to convert lead '{id}' into.",
                        nameof(LeadConversionOptions.ExistingContactId),
                        InMemoryFailure.ContactNotFoundCode);
                }
            }
            else if (lead.Email is { } email)
            {
                _contactsByEmail.TryGetValue(email, out contactEntry);
            }

            string contactId;
            if (contactEntry is null)
            {
                contactId = CreateContact(
                    new Contact
                    {
                        Email = lead.Email,
                        Phone = lead.Phone,
                        FirstName = lead.FirstName,
                        LastName = lead.LastName,
                        Company = lead.Company,
                    },
                    now).Id!;
            }
            else
            {
                FillBlanks(contactEntry, lead, now);
                contactId = contactEntry.Value.Id!;
            }

            string? dealId = createDeal ? NewId("deal_", ++_dealSequence) : null;
            leadEntry.Value = lead with { Status = LeadStatus.Converted, ContactId = contactId, UpdatedAt = now };
            return InMemoryOutcome<LeadConversionResult>.Success(new LeadConversionResult(id, contactId, dealId));
        }
    }

    /// <summary>Copies the lead's name, company, phone and email onto an existing contact where it has none, as CRMs
    /// do when a lead is merged into a contact; values the contact has are kept.</summary>
    private void FillBlanks(InMemoryEntry<Contact> entry, Lead lead, DateTimeOffset now)
    {
        Contact current = entry.Value;
        EmailAddress? email = current.Email;
        if (email is null && lead.Email is { } leadEmail && !_contactsByEmail.ContainsKey(leadEmail))
        {
            email = leadEmail;
        }

        bool changed = email != current.Email
            || (current.Phone is null && lead.Phone is not null)
            || (current.FirstName is null && lead.FirstName is not null)
            || (current.LastName is null && lead.LastName is not null)
            || (current.Company is null && lead.Company is not null);
        if (changed)
        {
            ReplaceContact(entry, current with
            {
                Email = email,
                Phone = current.Phone ?? lead.Phone,
                FirstName = current.FirstName ?? lead.FirstName,
                LastName = current.LastName ?? lead.LastName,
                Company = current.Company ?? lead.Company,
                UpdatedAt = now,
            });
        }
    }
}
