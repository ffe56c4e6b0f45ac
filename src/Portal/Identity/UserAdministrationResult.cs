namespace Portal.Identity;

/// <summary>
/// The outcome of a user administration change: a human sentence for toasts and problem details, and per-field errors
/// ("email", "password", "roles", "user") when the input was rejected.
/// </summary>
public sealed record UserAdministrationResult(UserAdministrationStatus Status, string Message, IReadOnlyDictionary<string, string[]> FieldErrors)
{
    public bool Succeeded => Status == UserAdministrationStatus.Succeeded;

    public static UserAdministrationResult Success(string message) => new(UserAdministrationStatus.Succeeded, message, new Dictionary<string, string[]>());

    public static UserAdministrationResult NotFound(Guid id) =>
        new(UserAdministrationStatus.NotFound, $"No user has the id {id:D}.", new Dictionary<string, string[]>());

    public static UserAdministrationResult Conflict(string message) => new(UserAdministrationStatus.Conflict, message, new Dictionary<string, string[]>());

    public static UserAdministrationResult Invalid(string message, IReadOnlyDictionary<string, string[]> fieldErrors) =>
        new(UserAdministrationStatus.Invalid, message, fieldErrors);

    public static UserAdministrationResult Invalid(string field, string message) =>
        Invalid(message, new Dictionary<string, string[]> { [field] = [message] });
}
