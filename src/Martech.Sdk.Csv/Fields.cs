namespace Martech.Sdk;

/// <summary>The standard fields of a contact in CSV, in the default column order (the schema's field indexes).</summary>
internal enum ContactField
{
    /// <summary><see cref="Contact.Id"/>; default header <c>id</c>.</summary>
    Id,

    /// <summary><see cref="Contact.Email"/>; default header <c>email</c>.</summary>
    Email,

    /// <summary><see cref="Contact.Phone"/>, E.164; default header <c>phone</c>.</summary>
    Phone,

    /// <summary><see cref="Contact.FirstName"/>; default header <c>first_name</c>.</summary>
    FirstName,

    /// <summary><see cref="Contact.LastName"/>; default header <c>last_name</c>.</summary>
    LastName,

    /// <summary><see cref="Contact.Company"/>; default header <c>company</c>.</summary>
    Company,

    /// <summary><see cref="Contact.JobTitle"/>; default header <c>job_title</c>.</summary>
    JobTitle,

    /// <summary><see cref="Contact.LifecycleStage"/>; default header <c>lifecycle_stage</c>.</summary>
    LifecycleStage,

    /// <summary>The status of <see cref="Contact.EmailConsent"/>; default header <c>email_consent</c>.</summary>
    EmailConsent,

    /// <summary>The status of <see cref="Contact.SmsConsent"/>; default header <c>sms_consent</c>.</summary>
    SmsConsent,

    /// <summary><see cref="Contact.OwnerId"/>; default header <c>owner_id</c>.</summary>
    OwnerId,

    /// <summary><see cref="Contact.CreatedAt"/>, ISO 8601; default header <c>created_at</c>.</summary>
    CreatedAt,

    /// <summary><see cref="Contact.UpdatedAt"/>, ISO 8601; default header <c>updated_at</c>.</summary>
    UpdatedAt,
}

/// <summary>The standard fields of a lead in CSV, in the default column order (the schema's field indexes).</summary>
internal enum LeadField
{
    /// <summary><see cref="Lead.Id"/>; default header <c>id</c>.</summary>
    Id,

    /// <summary><see cref="Lead.ContactId"/>; default header <c>contact_id</c>.</summary>
    ContactId,

    /// <summary><see cref="Lead.Email"/>; default header <c>email</c>.</summary>
    Email,

    /// <summary><see cref="Lead.Phone"/>, E.164; default header <c>phone</c>.</summary>
    Phone,

    /// <summary><see cref="Lead.FirstName"/>; default header <c>first_name</c>.</summary>
    FirstName,

    /// <summary><see cref="Lead.LastName"/>; default header <c>last_name</c>.</summary>
    LastName,

    /// <summary><see cref="Lead.Company"/>; default header <c>company</c>.</summary>
    Company,

    /// <summary><see cref="Lead.Title"/>; default header <c>title</c>.</summary>
    Title,

    /// <summary><see cref="Lead.Status"/>; default header <c>status</c>.</summary>
    Status,

    /// <summary><see cref="Lead.Source"/>; default header <c>source</c>.</summary>
    Source,

    /// <summary><see cref="Lead.Score"/>, a whole number; default header <c>score</c>.</summary>
    Score,

    /// <summary><see cref="Lead.OwnerId"/>; default header <c>owner_id</c>.</summary>
    OwnerId,

    /// <summary><see cref="Lead.CreatedAt"/>, ISO 8601; default header <c>created_at</c>.</summary>
    CreatedAt,

    /// <summary><see cref="Lead.UpdatedAt"/>, ISO 8601; default header <c>updated_at</c>.</summary>
    UpdatedAt,
}
