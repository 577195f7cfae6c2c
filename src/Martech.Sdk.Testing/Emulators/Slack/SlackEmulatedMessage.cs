namespace Martech.Sdk.Testing;

/// <summary>A message a <see cref="SlackEmulator"/> accepted through <c>chat.postMessage</c>.</summary>
/// <param name="Ts">The message's timestamp id, as answered in <c>ts</c>.</param>
/// <param name="Channel">The conversation id it was posted in (for a user id, the direct message's <c>D…</c> id).</param>
/// <param name="RequestedChannel">The <c>channel</c> parameter as sent: an id, a <c>#name</c>, or a user id.</param>
/// <param name="ThreadTs">The <c>ts</c> of the thread's parent when the message is a reply; otherwise <see langword="null"/>.</param>
/// <param name="Text">The <c>text</c> parameter as sent (still <c>mrkdwn</c>-escaped), or <see langword="null"/>.</param>
/// <param name="BlocksJson">The <c>blocks</c> parameter as a JSON array, or <see langword="null"/>.</param>
/// <param name="Content">Every text the message carries, one a line and unescaped: the block texts (header, sections,
/// fields, context, button labels and URLs as <c>label: url</c>), then <c>text</c>.</param>
/// <param name="Parameters">Every parameter received, as text (JSON values of a JSON body as their raw JSON, strings
/// unquoted).</param>
/// <param name="ReceivedAt">When the emulator received it.</param>
public sealed record SlackEmulatedMessage(
    string Ts,
    string Channel,
    string RequestedChannel,
    string? ThreadTs,
    string? Text,
    string? BlocksJson,
    string Content,
    IReadOnlyDictionary<string, string> Parameters,
    DateTimeOffset ReceivedAt);
