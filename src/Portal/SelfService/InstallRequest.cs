namespace Portal.SelfService;

/// <summary>Body of <c>POST /api/machines/{id}/installs</c>: the application and the answers to its prompts (by macro name).</summary>
public sealed record InstallRequest(Guid ApplicationId, IReadOnlyDictionary<string, string>? Answers = null);
