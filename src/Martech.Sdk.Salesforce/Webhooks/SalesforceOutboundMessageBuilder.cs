using System.Text;
using System.Xml;

namespace Martech.Sdk.Salesforce;

/// <summary>
/// Builds Salesforce outbound messages as Salesforce posts them, so you can test your own endpoint. Outbound messages
/// are not signed: a request is authentic when its URL carries the shared token
/// (<see cref="SalesforceWebhookOptions.Token"/>) and its <c>OrganizationId</c> is your org's. The receiver answers with
/// <see cref="Acknowledgement"/>, without which Salesforce delivers the message again.
/// </summary>
/// <example>
/// <code>
/// var request = SalesforceOutboundMessageBuilder.CreateRequest(
///     new Uri("https://example.com/webhooks/salesforce"), token, "00D000000000001AAA",
///     [new SalesforceOutboundNotification("04l000000000001AAA", "Contact", new Dictionary&lt;string, string?&gt;
///     {
///         ["Id"] = "003000000000001AAA",
///         ["Email"] = "ada@example.com",
///         ["LastModifiedDate"] = "2024-05-27T09:15:35.000Z",
///     })]);
/// </code>
/// </example>
public static class SalesforceOutboundMessageBuilder
{
    /// <summary>The content type of outbound messages and of the acknowledgement.</summary>
    public const string ContentType = "text/xml; charset=utf-8";

    /// <summary>The namespace of the <c>notifications</c> element and of the acknowledgement.</summary>
    public const string OutboundNamespace = "http://soap.sforce.com/2005/09/outbound";

    /// <summary>The SOAP acknowledgement Salesforce expects in answer; any other answer makes it deliver again.</summary>
    public const string Acknowledgement =
        """<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><notificationsResponse xmlns="http://soap.sforce.com/2005/09/outbound"><Ack>true</Ack></notificationsResponse></soapenv:Body></soapenv:Envelope>""";

    internal const string SoapNamespace = "http://schemas.xmlsoap.org/soap/envelope/";
    internal const string XsiNamespace = "http://www.w3.org/2001/XMLSchema-instance";
    internal const string SObjectNamespace = "urn:sobject.enterprise.soap.sforce.com";

    /// <summary>Adds the token to an endpoint URL's query: the URL to paste into the outbound message.</summary>
    /// <param name="endpoint">The public endpoint, such as <c>https://example.com/webhooks/salesforce</c>.</param>
    /// <param name="token">The shared token.</param>
    /// <param name="parameterName">The query parameter (<see cref="SalesforceWebhookOptions.TokenParameterName"/>).</param>
    /// <returns>The URL with <c>parameterName=token</c> appended to its query.</returns>
    public static Uri CreateEndpointUrl(Uri endpoint, string token, string parameterName = SalesforceWebhookOptions.DefaultTokenParameterName)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentException.ThrowIfNullOrEmpty(parameterName);
        if (!endpoint.IsAbsoluteUri)
        {
            throw new ArgumentException("The endpoint must be an absolute URL.", nameof(endpoint));
        }

        var builder = new UriBuilder(endpoint);
        string pair = Uri.EscapeDataString(parameterName) + "=" + Uri.EscapeDataString(token);
        builder.Query = string.IsNullOrEmpty(builder.Query) || builder.Query == "?" ? pair : builder.Query.TrimStart('?') + "&" + pair;
        return builder.Uri;
    }

    /// <summary>Builds an outbound message body: a SOAP envelope with one <c>Notification</c> per record.</summary>
    /// <param name="organizationId">The org id the message names.</param>
    /// <param name="notifications">The notifications (Salesforce sends up to 100 in one message).</param>
    /// <param name="actionId">The outbound message's id (<c>04k…</c>).</param>
    /// <returns>The UTF-8 XML body.</returns>
    public static byte[] CreateBody(string organizationId, IEnumerable<SalesforceOutboundNotification> notifications, string actionId = "04k000000000001AAA")
    {
        ArgumentException.ThrowIfNullOrEmpty(organizationId);
        ArgumentNullException.ThrowIfNull(notifications);
        ArgumentException.ThrowIfNullOrEmpty(actionId);
        using var stream = new MemoryStream();
        using (var writer = XmlWriter.Create(stream, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            string host = "https://example.my.salesforce.com/services/Soap";
            string org15 = organizationId.Length > 15 ? organizationId[..15] : organizationId;
            writer.WriteStartDocument();
            writer.WriteStartElement("soapenv", "Envelope", SoapNamespace);
            writer.WriteAttributeString("xmlns", "xsd", null, "http://www.w3.org/2001/XMLSchema");
            writer.WriteAttributeString("xmlns", "xsi", null, XsiNamespace);
            writer.WriteStartElement("soapenv", "Body", SoapNamespace);
            writer.WriteStartElement("notifications", OutboundNamespace);
            writer.WriteElementString("OrganizationId", OutboundNamespace, organizationId);
            writer.WriteElementString("ActionId", OutboundNamespace, actionId);
            writer.WriteStartElement("SessionId", OutboundNamespace);
            writer.WriteAttributeString("xsi", "nil", XsiNamespace, "true");
            writer.WriteEndElement();
            writer.WriteElementString("EnterpriseUrl", OutboundNamespace, $"{host}/c/62.0/{org15}");
            writer.WriteElementString("PartnerUrl", OutboundNamespace, $"{host}/u/62.0/{org15}");
            foreach (SalesforceOutboundNotification notification in notifications)
            {
                ArgumentNullException.ThrowIfNull(notification);
                writer.WriteStartElement("Notification", OutboundNamespace);
                writer.WriteElementString("Id", OutboundNamespace, notification.Id);
                writer.WriteStartElement("sObject", OutboundNamespace);
                writer.WriteAttributeString("xmlns", "sf", null, SObjectNamespace);
                writer.WriteAttributeString("xsi", "type", XsiNamespace, "sf:" + notification.ObjectType);
                foreach (var (name, value) in notification.Fields ?? new Dictionary<string, string?>())
                {
                    writer.WriteStartElement("sf", name, SObjectNamespace);
                    if (value is null)
                    {
                        writer.WriteAttributeString("xsi", "nil", XsiNamespace, "true");
                    }
                    else
                    {
                        writer.WriteString(value);
                    }

                    writer.WriteEndElement();
                }

                writer.WriteEndElement();
                writer.WriteEndElement();
            }

            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndElement();
            writer.WriteEndDocument();
        }

        return stream.ToArray();
    }

    /// <summary>Builds a complete outbound-message request: POST to the endpoint with the token in its query, the SOAP
    /// body and Salesforce's content type.</summary>
    /// <param name="endpoint">The public endpoint, without the token.</param>
    /// <param name="token">The shared token.</param>
    /// <param name="organizationId">The org id the message names.</param>
    /// <param name="notifications">The notifications.</param>
    /// <param name="parameterName">The token's query parameter.</param>
    /// <returns>The request, ready for <see cref="IWebhookReceiver.ReceiveAsync"/>.</returns>
    public static WebhookRequest CreateRequest(Uri endpoint, string token, string organizationId, IEnumerable<SalesforceOutboundNotification> notifications, string parameterName = SalesforceWebhookOptions.DefaultTokenParameterName) =>
        new("POST", CreateEndpointUrl(endpoint, token, parameterName), [new("Content-Type", ContentType)], CreateBody(organizationId, notifications));
}
