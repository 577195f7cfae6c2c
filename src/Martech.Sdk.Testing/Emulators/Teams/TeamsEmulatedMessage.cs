namespace Martech.Sdk.Testing;

/// <summary>A message a <see cref="TeamsEmulator"/> channel received.</summary>
/// <param name="RunId">The workflow run id the emulator answered with (header <c>x-ms-workflow-run-id</c>).</param>
/// <param name="Channel">The channel name the webhook was created for.</param>
/// <param name="WorkflowId">The workflow id in the webhook path.</param>
/// <param name="Body">The request body as received.</param>
/// <param name="Content">The card's readable content: every text, fact (<c>title: value</c>) and action
/// (<c>title: url</c>), one a line, then the fallback text. Markdown backslash escapes are read as Teams shows them
/// (<c>\[</c> is <c>[</c>); other Markdown is left as written.</param>
/// <param name="ReceivedAt">When the emulator received it.</param>
public sealed record TeamsEmulatedMessage(string RunId, string Channel, string WorkflowId, string Body, string Content, DateTimeOffset ReceivedAt);
