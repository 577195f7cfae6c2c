namespace Martech.Sdk.Salesforce;

/// <summary>One notification of a Salesforce outbound message, for
/// <see cref="SalesforceOutboundMessageBuilder"/>: the record Salesforce sends and the fields the outbound message
/// selects.</summary>
/// <param name="Id">The notification id (18 characters starting with <c>04l</c>), the same on every redelivery.</param>
/// <param name="ObjectType">The sObject type, such as <c>Contact</c> or <c>Lead</c>.</param>
/// <param name="Fields">The record's fields by API name, such as <c>Id</c>, <c>Email</c> and <c>LastModifiedDate</c>
/// (<see langword="null"/> is sent as <c>xsi:nil</c>).</param>
public sealed record SalesforceOutboundNotification(string Id, string ObjectType, IReadOnlyDictionary<string, string?> Fields);
