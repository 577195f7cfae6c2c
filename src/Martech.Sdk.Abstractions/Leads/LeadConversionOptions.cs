namespace Martech.Sdk;

/// <summary>Options for converting a lead.</summary>
public class LeadConversionOptions
{
    /// <summary>Merge into this existing contact instead of creating one.</summary>
    public string? ExistingContactId { get; set; }

    /// <summary>Also create a deal or opportunity, where the vendor supports it. The default value is <see langword="false"/>.</summary>
    public bool CreateDeal { get; set; }

    /// <summary>The deal's name when <see cref="CreateDeal"/> is set.</summary>
    public string? DealName { get; set; }
}
