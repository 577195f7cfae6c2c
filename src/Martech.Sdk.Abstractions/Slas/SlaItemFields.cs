namespace Martech.Sdk;

/// <summary>The fields a history sets, folded event by event: each is the value the latest event that sets it gave.
/// Used by <see cref="SlaItem"/> (over its whole history) and by the evaluator (as of each event it replays).</summary>
internal sealed class SlaItemFields
{
    private Dictionary<string, string>? _fields;

    public SlaItemFields(SlaItemKind kind) => Kind = kind;

    public SlaItemKind Kind { get; }

    public DateTimeOffset? CreatedAt { get; private set; }

    public string? Status { get; private set; }

    public string? OwnerId { get; private set; }

    public string? Priority { get; private set; }

    public string? Source { get; private set; }

    public EmailAddress? Email { get; private set; }

    public IReadOnlyDictionary<string, string>? Fields => _fields;

    public void Apply(SlaItemEvent e)
    {
        CreatedAt ??= e.Type == SlaItemEventType.Created ? e.OccurredAt : null;
        Status = e.Status ?? Status;
        OwnerId = e.OwnerId ?? OwnerId;
        Priority = e.Priority ?? Priority;
        Source = e.Source ?? Source;
        Email = e.Email ?? Email;
        if (e.Properties.Count > 0)
        {
            _fields ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (KeyValuePair<string, string> p in e.Properties)
            {
                _fields[p.Key] = p.Value;
            }
        }
    }
}
