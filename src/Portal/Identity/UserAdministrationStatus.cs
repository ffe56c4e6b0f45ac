namespace Portal.Identity;

/// <summary>How a user administration change ended, so the API can pick the HTTP status and the page the message style.</summary>
public enum UserAdministrationStatus
{
    Succeeded,
    NotFound,
    Invalid,
    Conflict,
}
