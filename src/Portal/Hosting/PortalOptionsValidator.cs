using Microsoft.Extensions.Options;

namespace Portal.Hosting;

/// <summary>Rejects settings the portal cannot start with, naming the setting at fault.</summary>
internal sealed class PortalOptionsValidator : IValidateOptions<PortalOptions>
{
    public const int MinimumPasswordLength = 8;

    public ValidateOptionsResult Validate(string? name, PortalOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.DataDirectory))
        {
            failures.Add("Portal:DataDirectory must name a directory.");
        }
        else if (options.DataDirectory.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"Portal:DataDirectory '{options.DataDirectory}' contains characters that are not allowed in a path.");
        }

        var admin = options.BootstrapAdmin;
        if (admin.IsConfigured)
        {
            if (string.IsNullOrWhiteSpace(admin.Email) || !admin.Email.Contains('@', StringComparison.Ordinal))
            {
                failures.Add("Portal:BootstrapAdmin:Email must be an email address when Portal:BootstrapAdmin:Password is set.");
            }

            if (string.IsNullOrEmpty(admin.Password) || admin.Password.Length < MinimumPasswordLength)
            {
                failures.Add($"Portal:BootstrapAdmin:Password must be at least {MinimumPasswordLength} characters when Portal:BootstrapAdmin:Email is set.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
