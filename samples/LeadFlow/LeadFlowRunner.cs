using Martech.Sdk;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace LeadFlow;

/// <summary>
/// The lead-intake flow: read the CSV, normalise and deduplicate, upsert contacts, create leads, notify a chat
/// channel, send a welcome email (marketing: only with email consent) and an SMS follow-up (only with SMS
/// consent). It talks only to the capability interfaces, so the providers behind them are a configuration choice.
/// Each lead's creation is recorded with the SLA engine, and the run ends with every lead's SLA clocks (the policies
/// and business calendar of <c>Martech:Slas</c>).
/// </summary>
public sealed class LeadFlowRunner(
    IContactClient contacts,
    ILeadClient leads,
    IEmailSender email,
    IMessageSender messages,
    IOptions<LeadFlowOptions> options,
    IServiceProvider services,
    TimeProvider? clock = null)
{
    private readonly LeadFlowOptions _options = options.Value;

    // Chat notifications go through the default messaging provider; SMS through the configured one, if any.
    private readonly IMessageSender _sms = options.Value.SmsProvider is { } sms ? services.GetRequiredKeyedService<IMessageSender>(sms) : messages;
    private readonly MessageDestination _notify = options.Value.NotifyDestination();
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    // The SLA engine (AddSlas in AddLeadFlowProviders): LeadFlow records the leads it creates and reports their clocks.
    private readonly ISlaTracker? _slaTracker = services.GetService<ISlaTracker>();
    private readonly SlaMonitor? _slaMonitor = services.GetService<SlaMonitor>();
    private readonly IBusinessCalendars? _calendars = services.GetService<IBusinessCalendars>();

    public async Task<LeadFlowSummary> RunAsync(string baseDirectory, IStepProgress progress, CancellationToken cancellationToken)
    {
        int seeded = await SeedAsync(baseDirectory, cancellationToken);

        await using var file = File.OpenRead(Path.Combine(baseDirectory, _options.LeadsCsv));
        var (rows, unreadable) = await LeadRow.ReadAsync(file, cancellationToken);
        NormalizedLeads normalized = LeadNormalizer.Normalize(rows, "leadflow-csv", _clock.GetUtcNow());
        var candidates = normalized.Leads;
        var ledger = Ledger(rows, unreadable, normalized);

        // 1. Contacts: one bulk upsert, every row accounted for.
        var upsert = await progress.RunAsync("Upserting contacts", candidates.Count, p =>
            contacts.UpsertManyAsync(candidates.Select(c => c.ToContact()).ToList(), new ContactUpsertOptions { MatchBy = ContactMatchKey.Email, Progress = p }, cancellationToken));
        var stored = new List<(LeadCandidate Candidate, Contact Contact)>();
        var contactFailures = new List<Rejection>();
        foreach (var item in upsert.Items)
        {
            var candidate = candidates[item.Index];
            if (item.IsSuccess)
            {
                stored.Add((candidate, item.Value!));
                ledger.Contact(candidate.Line, item.Status == BulkItemStatus.Created ? RowOutcome.Created : RowOutcome.Updated, item.Value!.Id, null);
            }
            else
            {
                string reason = item.Error?.Message ?? item.Status.ToString();
                contactFailures.Add(new Rejection(candidate.Line, candidate.Email.Value, reason));
                ledger.Contact(candidate.Line, item.Status == BulkItemStatus.Unknown ? RowOutcome.Unknown : RowOutcome.Failed, null, reason);
            }
        }

        // 2. Leads and 3. a chat notification for each new lead.
        var leadFailures = new List<Rejection>();
        var createdLeads = new List<(int Line, Lead Lead)>();
        int leadsCreated = 0, notified = 0;
        await progress.RunAsync("Creating leads and notifying " + _options.NotifyDestination(), stored.Count, async p =>
        {
            int done = 0;
            foreach (var (candidate, contact) in stored)
            {
                Lead? lead = null;
                try
                {
                    lead = await leads.CreateAsync(ToLead(candidate, contact), cancellationToken);
                    leadsCreated++;
                    ledger.Lead(candidate.Line, RowOutcome.Created, lead.Id, null);
                    createdLeads.Add((candidate.Line, lead));
                    await RecordCreatedAsync(lead, cancellationToken);
                    await messages.SendAsync(Notification(lead, candidate), cancellationToken);
                    notified++;
                    ledger.Notification(candidate.Line, RowOutcome.Sent, null);
                }
                catch (Exception ex) when (ex is MartechException or ArgumentException)
                {
                    leadFailures.Add(new Rejection(candidate.Line, candidate.Email.Value, ex.Message));
                    if (lead is null)
                    {
                        ledger.Lead(candidate.Line, FailureOutcome(ex), null, ex.Message);
                    }
                    else
                    {
                        ledger.Notification(candidate.Line, FailureOutcome(ex), ex.Message);
                    }
                }

                p.Report(new BulkProgress(stored.Count, ++done, leadFailures.Count));
            }

            return done;
        });

        // 4. Welcome emails: marketing, so the consent middleware withholds those without email consent.
        var welcomes = stored.Select(s => Welcome(s.Contact)).ToList();
        var sent = await progress.RunAsync("Sending welcome emails", welcomes.Count, p =>
            email.SendManyAsync(welcomes, new BulkOptions { Progress = p }, cancellationToken));
        var withheld = new List<Rejection>();
        var emailFailures = new List<Rejection>();
        foreach (var item in sent.Items)
        {
            var (candidate, _) = stored[item.Index];
            if (item.Status == BulkItemStatus.Withheld)
            {
                string reason = item.Value?.WithheldRecipients is { Count: > 0 } reasons ? reasons[0].Reason : item.Error?.Message ?? "withheld";
                withheld.Add(new Rejection(candidate.Line, candidate.Email.Value, reason));
                ledger.WelcomeEmail(candidate.Line, RowOutcome.Withheld, reason);
            }
            else if (!item.IsSuccess)
            {
                string reason = item.Error?.Message ?? item.Status.ToString();
                emailFailures.Add(new Rejection(candidate.Line, candidate.Email.Value, reason));
                ledger.WelcomeEmail(candidate.Line, item.Status == BulkItemStatus.Unknown ? RowOutcome.Unknown : RowOutcome.Failed, reason);
            }
            else
            {
                ledger.WelcomeEmail(candidate.Line, RowOutcome.Sent, null);
            }
        }

        // 5. SMS follow-up: marketing SMS, only with SMS consent.
        int smsSent = 0;
        var smsWithheld = new List<Rejection>();
        var smsFailed = new List<Rejection>();
        foreach (var (candidate, contact) in stored)
        {
            if (!_options.SmsFollowUp)
            {
                ledger.Sms(candidate.Line, RowOutcome.Skipped, "SMS follow-ups are off (LeadFlow:SmsFollowUp)");
            }
            else if (contact.Phone is null)
            {
                ledger.Sms(candidate.Line, RowOutcome.Skipped, "no phone number");
            }
        }

        if (_options.SmsFollowUp)
        {
            var withPhone = stored.Where(s => s.Contact.Phone is not null).ToList();
            await progress.RunAsync("Sending SMS follow-ups", withPhone.Count, async p =>
            {
                int done = 0;
                foreach (var (candidate, contact) in withPhone)
                {
                    string number = contact.Phone!.Value.Value;
                    try
                    {
                        var result = await _sms.SendAsync(
                            new OutgoingMessage
                            {
                                Destination = MessageDestination.Phone(contact.Phone.Value),
                                Text = $"Hi {contact.FirstName ?? "there"}, thanks for your interest! Reply STOP to opt out.",
                                Purpose = SendPurpose.Marketing,
                                ContactId = contact.Id,
                            },
                            cancellationToken);
                        if (result.Status == SendStatus.Accepted)
                        {
                            smsSent++;
                            ledger.Sms(candidate.Line, RowOutcome.Sent, null);
                        }
                        else
                        {
                            string reason = result.Withheld?.Reason ?? "withheld";
                            smsWithheld.Add(new Rejection(candidate.Line, number, reason));
                            ledger.Sms(candidate.Line, RowOutcome.Withheld, reason);
                        }
                    }
                    catch (MartechException ex)
                    {
                        // One refused number (Twilio 21610: the recipient replied STOP; 21614: not a mobile) must not
                        // stop the others. A send that may have arrived is reported as such and not sent again.
                        string reason = ex.MayHaveBeenProcessed ? "may have been sent: " + ex.Message : ex.Message;
                        smsFailed.Add(new Rejection(candidate.Line, number, reason));
                        ledger.Sms(candidate.Line, FailureOutcome(ex), ex.Message);
                    }

                    p.Report(new BulkProgress(withPhone.Count, ++done, smsFailed.Count));
                }

                return done;
            });
        }

        // 6. SLA clocks of the leads just created, as of now. The welcome email and SMS are automated marketing, not a
        // rep's touch, and are not recorded as touches, so every clock runs until someone works the lead.
        IReadOnlyList<LeadSla> slas = await SlaClocksAsync(createdLeads, cancellationToken);
        foreach (LeadSla sla in slas)
        {
            ledger.Sla(sla);
        }

        return new LeadFlowSummary
        {
            RowsRead = rows.Count + unreadable.Count,
            SeededContacts = seeded,
            Rejected = [.. unreadable, .. normalized.Rejected],
            Warnings = normalized.Warnings,
            DuplicatesMerged = normalized.DuplicatesMerged,
            ContactsCreated = upsert.CreatedCount,
            ContactsUpdated = upsert.UpdatedCount,
            ContactsFailed = contactFailures,
            LeadsCreated = leadsCreated,
            LeadsFailed = leadFailures,
            NotificationsSent = notified,
            EmailsSent = sent.SucceededCount,
            EmailsWithheld = withheld,
            EmailsFailed = emailFailures,
            SmsSent = smsSent,
            SmsWithheld = smsWithheld,
            SmsFailed = smsFailed,
            Rows = ledger.Rows(),
            Slas = slas,
            Providers = new Dictionary<string, string>
            {
                ["Contacts"] = Describe(contacts.GetService<MartechProviderMetadata>()),
                ["Leads"] = Describe(leads.GetService<MartechProviderMetadata>()),
                ["Email"] = Describe(email.GetService<MartechProviderMetadata>()),
                ["Messaging"] = Describe(messages.GetService<MartechProviderMetadata>()),
                ["Sms"] = Describe(_sms.GetService<MartechProviderMetadata>()),
            },
        };
    }

    /// <summary>Records the lead's creation with the SLA engine (its owner, source and email, at the CRM's creation time),
    /// once: the event's id is the lead's, so a second record of it is ignored.</summary>
    private async Task RecordCreatedAsync(Lead lead, CancellationToken cancellationToken)
    {
        if (_slaTracker is null || lead.Id is null)
        {
            return;
        }

        await _slaTracker.RecordAsync(
            SlaItemKind.Lead,
            lead.Id,
            new SlaItemEvent
            {
                Id = $"leadflow:created:{lead.Id}",
                Type = SlaItemEventType.Created,
                OccurredAt = lead.CreatedAt ?? _clock.GetUtcNow(),
                Status = lead.Status is { Value.Length: > 0 } status ? status.Value : LeadStatus.New.Value,
                OwnerId = lead.OwnerId,
                Source = lead.Source,
                Email = lead.Email,
            },
            cancellationToken);
    }

    /// <summary>Every SLA clock of the leads this run created, evaluated now, with times in each calendar's zone.</summary>
    private async Task<IReadOnlyList<LeadSla>> SlaClocksAsync(List<(int Line, Lead Lead)> created, CancellationToken cancellationToken)
    {
        if (_slaMonitor is not { Policies.Count: > 0 } monitor)
        {
            return [];
        }

        var clocks = new List<LeadSla>();
        foreach (var (line, lead) in created)
        {
            foreach (SlaClock clock in await monitor.GetClocksAsync(SlaItemKind.Lead, lead.Id!, cancellationToken))
            {
                TimeZoneInfo zone = clock.Calendar is { } calendar && _calendars is not null ? _calendars.Get(calendar).TimeZone : TimeZoneInfo.Utc;
                clocks.Add(new LeadSla
                {
                    Line = line,
                    LeadId = lead.Id!,
                    Policy = clock.Policy,
                    Calendar = clock.Calendar,
                    Target = clock.Target,
                    Status = clock.Status,
                    DueAt = clock.DueAt is { } due ? TimeZoneInfo.ConvertTime(due, zone) : null,
                    AtRiskAt = clock.AtRiskAt is { } risk ? TimeZoneInfo.ConvertTime(risk, zone) : null,
                    TimeZone = zone == TimeZoneInfo.Utc ? "UTC" : zone.Id,
                });
            }
        }

        return clocks;
    }

    /// <summary>Starts the per-row record: every row read, with its rejection, warnings or the row it was merged into.</summary>
    private static RowLedger Ledger(List<LeadRow> rows, List<Rejection> unreadable, NormalizedLeads normalized)
    {
        var ledger = new RowLedger();
        foreach (LeadRow row in rows)
        {
            ledger.Read(row.Line, row.Email);
        }

        foreach (Rejection row in unreadable)
        {
            ledger.Read(row.Line, null);
            ledger.Rejected(row.Line, row.Reason);
        }

        foreach (Rejection rejected in normalized.Rejected)
        {
            ledger.Rejected(rejected.Line, rejected.Reason);
        }

        foreach (Rejection warning in normalized.Warnings)
        {
            ledger.Warning(warning.Line, $"{warning.Reason} (value '{warning.Value}')");
        }

        foreach (LeadCandidate candidate in normalized.Leads)
        {
            foreach (int line in candidate.MergedLines)
            {
                ledger.Merged(line, candidate.Line);
            }
        }

        return ledger;
    }

    // A request that may have reached the vendor is "unknown", so nobody resends it on the report's word.
    private static string FailureOutcome(Exception ex) =>
        ex is MartechException { MayHaveBeenProcessed: true } ? RowOutcome.Unknown : RowOutcome.Failed;

    /// <summary>On the in-memory CRM only: load the "existing" records so the import shows updates too.</summary>
    private async Task<int> SeedAsync(string baseDirectory, CancellationToken cancellationToken)
    {
        if (_options.SeedCsv is null || contacts.GetService(typeof(InMemoryMartechStore)) is not InMemoryMartechStore store || store.Contacts.Count > 0)
        {
            return 0;
        }

        await using var file = File.OpenRead(Path.Combine(baseDirectory, _options.SeedCsv));
        var (rows, _) = await LeadRow.ReadAsync(file, cancellationToken);
        var seed = LeadNormalizer.Normalize(rows, "existing-crm", _clock.GetUtcNow().AddDays(-30));
        var result = await contacts.UpsertManyAsync(seed.Leads.Select(l => l.ToContact() with { LifecycleStage = LifecycleStage.Subscriber }).ToList(), cancellationToken: cancellationToken);
        return result.CreatedCount;
    }

    private static Lead ToLead(LeadCandidate candidate, Contact contact) => new()
    {
        ContactId = contact.Id,
        Email = candidate.Email,
        Phone = candidate.Phone,
        FirstName = contact.FirstName,
        LastName = contact.LastName,
        Company = contact.Company,
        Title = $"{candidate.Source ?? "unknown source"}: {contact.FullName ?? candidate.Email.Value}",
        Source = candidate.Source,
    };

    private OutgoingMessage Notification(Lead lead, LeadCandidate candidate) => new()
    {
        Destination = _notify,
        Text = $"New lead: {lead.FirstName} {lead.LastName} ({lead.Company})",
        Purpose = SendPurpose.Transactional,
        Card = new MessageCard
        {
            Title = $"New lead: {(lead.FirstName + " " + lead.LastName).Trim()}",
            Text = candidate.JobTitle is null ? lead.Company : $"{candidate.JobTitle}, {lead.Company}",
            Fields =
            {
                new MessageCardField("Email", candidate.Email.Value),
                new MessageCardField("Source", lead.Source ?? "unknown"),
                new MessageCardField("Lead id", lead.Id ?? "?"),
            },
            Severity = CardSeverity.Info,
        },
    };

    private EmailMessage Welcome(Contact contact)
    {
        var message = new EmailMessage
        {
            From = new Mailbox(EmailAddress.Parse(_options.WelcomeFrom), _options.WelcomeFromName),
            Subject = $"Welcome, {contact.FirstName ?? "friend"}!",
            TextBody = $"Hi {contact.FirstName ?? "there"},\n\nThanks for your interest. Here is what happens next...",
            HtmlBody = $"<p>Hi {System.Net.WebUtility.HtmlEncode(contact.FirstName ?? "there")},</p><p>Thanks for your interest.</p>",
            Purpose = SendPurpose.Marketing,
            Tags = { "leadflow-welcome" }, // one tag: Postmark allows only one per message
        };
        message.To.Add(new Mailbox(contact.Email!.Value, contact.FullName));
        return message;
    }

    private static string Describe(MartechProviderMetadata? provider) =>
        provider is null ? "unknown" : provider.Name == provider.ProviderType ? provider.Name : $"{provider.Name} ({provider.ProviderType})";
}
