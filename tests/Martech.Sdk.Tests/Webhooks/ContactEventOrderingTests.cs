using Martech.Sdk.Testing;

namespace Martech.Sdk.Tests.Webhooks;

public class ContactEventOrderingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InMemoryWebhookEventStore _store = new(1000, TimeSpan.FromHours(1), new ManualTimeProvider());

    // What the dispatcher does around the handlers: check, then (handlers succeeded) record.
    private async Task<ContactEvent?> HandledAsync(ContactEvent e)
    {
        ContactEvent? passed = await ContactEventOrdering.FilterAsync(_store, e, default);
        if (passed is not null)
        {
            await ContactEventOrdering.RecordAsync(_store, passed, default);
        }

        return passed;
    }

    private static ContactEvent Change(string id, DateTimeOffset at, params (string Name, string? Value)[] properties) => new()
    {
        Id = id,
        Provider = "HubSpot",
        Type = ContactEventType.Changed,
        ContactId = "123",
        ChangedAt = at,
        ChangedProperties = properties.ToDictionary(p => p.Name, p => p.Value),
    };

    [Fact]
    public async Task StaleChangeOfAProperty_IsSuperseded_OtherPropertiesAreIndependent()
    {
        Assert.NotNull(await HandledAsync(Change("2", T0.AddSeconds(2), ("email", "new@example.com"))));

        ContactEvent? stale = await HandledAsync(Change("1", T0.AddSeconds(1), ("email", "old@example.com")));
        ContactEvent? other = await HandledAsync(Change("3", T0.AddSeconds(1), ("phone", "+1")));

        Assert.Null(stale);
        Assert.NotNull(other);
    }

    [Fact]
    public async Task MixedChange_KeepsOnlyTheNewerProperties()
    {
        await HandledAsync(Change("2", T0.AddSeconds(5), ("email", "new@example.com")));

        ContactEvent? kept = await HandledAsync(Change("1", T0.AddSeconds(3), ("email", "old@example.com"), ("firstname", "Ada")));

        Assert.Equal(["firstname"], kept!.ChangedProperties.Keys);
    }

    [Fact]
    public async Task ChangeOlderThanADeletion_IsSuperseded_AndSoIsALateCreation()
    {
        var deleted = new ContactEvent { Id = "d", Provider = "HubSpot", Type = ContactEventType.Deleted, ContactId = "123", ChangedAt = T0.AddSeconds(10) };
        var created = new ContactEvent { Id = "c", Provider = "HubSpot", Type = ContactEventType.Created, ContactId = "123", ChangedAt = T0 };
        Assert.NotNull(await HandledAsync(deleted));

        Assert.Null(await HandledAsync(Change("x", T0.AddSeconds(9), ("email", "a@b.example"))));
        Assert.Null(await HandledAsync(created));
        Assert.NotNull(await HandledAsync(Change("y", T0.AddSeconds(11), ("email", "a@b.example"))));
    }

    [Fact]
    public async Task SameEventRetried_IsNotStale_AndOtherContactsAreIndependent()
    {
        ContactEvent change = Change("1", T0, ("email", "a@b.example"));

        Assert.NotNull(await HandledAsync(change));
        Assert.NotNull(await HandledAsync(change));
        Assert.NotNull(await HandledAsync(change with { ContactId = "999", ChangedAt = T0.AddSeconds(-60) }));
    }

    [Fact]
    public async Task WithoutChangedAt_OccurredAtOrders()
    {
        await HandledAsync(Change("2", T0, ("email", "x")) with { ChangedAt = null, OccurredAt = T0.AddSeconds(5) });

        Assert.Null(await HandledAsync(Change("1", T0, ("email", "y")) with { ChangedAt = null, OccurredAt = T0.AddSeconds(4) }));
    }

    [Fact]
    public async Task CheckedButNotRecorded_NeverMakesAnOlderChangeStale()
    {
        ContactEvent newer = Change("2", T0.AddSeconds(5), ("email", "new@example.com"));

        Assert.NotNull(await ContactEventOrdering.FilterAsync(_store, newer, default));

        Assert.NotNull(await HandledAsync(Change("1", T0.AddSeconds(1), ("email", "old@example.com"))));
        Assert.NotNull(await HandledAsync(newer));
        Assert.Null(await HandledAsync(Change("0", T0, ("email", "oldest@example.com"))));
    }
}
