namespace Portal.Hosting;

/// <summary><c>Portal:BootstrapAdmin</c>: the first administrator, created once when no administrator exists.</summary>
public sealed class BootstrapAdminOptions
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string DisplayName { get; set; } = "Administrator";

    public bool IsConfigured => !string.IsNullOrWhiteSpace(Email) || !string.IsNullOrWhiteSpace(Password);
}
