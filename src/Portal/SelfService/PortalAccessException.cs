namespace Portal.SelfService;

/// <summary>The signed-in person may not see or act on this machine, job or request (HTTP 403).</summary>
public sealed class PortalAccessException(string message)
    : SelfServiceException(StatusCodes.Status403Forbidden, "Forbidden", message);
