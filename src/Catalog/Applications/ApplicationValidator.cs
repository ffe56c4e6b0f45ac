using Catalog.Events;
using Catalog.Versioning;

namespace Catalog.Applications;

/// <summary>
/// Checks an application definition before it is saved. The portal and the REST API both call it, so an
/// application that passes here can be evaluated, resolved and installed without surprises.
/// </summary>
public static class ApplicationValidator
{
    public const int MaximumPublisherLength = 100;
    public const int MaximumCategoryLength = 100;
    public const int MaximumDescriptionLength = 4000;
    public const int MaximumScriptTimeoutSeconds = 86_400;
    public const int MaximumXmlUrlLength = 2000;

    /// <summary>Every problem found, in field order; empty when the application is valid.</summary>
    public static IReadOnlyList<ValidationError> Validate(Application app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var errors = new List<ValidationError>();
        if (app.Id == Guid.Empty)
        {
            errors.Add(new("Id", "The application needs an id"));
        }

        Add(errors, "Name", PackageNameRules.ValidateName(app.Name));
        Add(errors, "Version", PackageNameRules.ValidateVersion(app.Version));
        Add(errors, "Publisher", TooLong("publisher", app.Publisher, MaximumPublisherLength));
        Add(errors, "Category", TooLong("category", app.Category, MaximumCategoryLength));
        Add(errors, "Description", TooLong("description", app.Description, MaximumDescriptionLength));
        ValidatePackage(app.Package, errors);
        RequirementValidator.Validate(app, errors);
        MacroDefinitionValidator.Validate(app.Macros, errors);
        ValidateSources(app.Sources, errors);
        ValidateLinks(app, errors);
        ValidateScripts(app.Scripts, errors);
        ValidateUninstallPolicy(app.UninstallPolicy, errors);
        ValidateProcessNames(app.ProcessNames, errors);
        ValidateProcessNames(app.BlockingProcesses ?? [], errors, "BlockingProcesses");
        ValidateAvailability(app.Availability, errors);
        if (app.Supersedes == app.Id)
        {
            errors.Add(new("Supersedes", "An application cannot replace itself; choose the application it replaces"));
        }

        ValidateReporting(app.Reporting, errors);
        return errors;
    }

    private static void ValidateReporting(ReportingPolicy reporting, List<ValidationError> errors)
    {
        var routed = reporting.Routes.Values.Aggregate(ReportingDestinations.None, (all, one) => all | one);
        Add(errors, "Reporting.LogFilePath", routed.HasFlag(ReportingDestinations.TextLog) && string.IsNullOrWhiteSpace(reporting.LogFilePath)
            ? "A text log file path is required when events are written to the text log"
            : ReportingLogPath.FindProblem(reporting.LogFilePath));
        Add(errors, "Reporting.XmlUrl", routed.HasFlag(ReportingDestinations.XmlHttp) && string.IsNullOrWhiteSpace(reporting.XmlUrl)
            ? "An XML URL is required when events are sent as XML over HTTP"
            : FindXmlUrlProblem(reporting.XmlUrl));
        Add(errors, "Reporting.SnmpTarget", routed.HasFlag(ReportingDestinations.Snmp) || !string.IsNullOrEmpty(reporting.SnmpTarget)
            ? SnmpTrapTarget.FindProblem(reporting.SnmpTarget ?? "") ?? (string.IsNullOrWhiteSpace(reporting.SnmpTarget) ? "An SNMP trap receiver is required when events are sent as SNMP traps" : null)
            : null);
        Add(errors, "Reporting.SnmpCommunity", SnmpTrapTarget.FindCommunityProblem(reporting.SnmpCommunity));
    }

    private static string? FindXmlUrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return null;
        }

        if (url.Length > MaximumXmlUrlLength)
        {
            return $"The XML URL is {url.Length} characters; the maximum is {MaximumXmlUrlLength}";
        }

        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.UserInfo.Length == 0
            ? null
            : $"The XML URL '{url}' must be an http:// or https:// address without a user name or password";
    }

    private static void ValidatePackage(PackageReference? package, List<ValidationError> errors)
    {
        if (package is null)
        {
            return;
        }

        if (package.Sha256 is not { Length: 64 } || !package.Sha256.All(c => char.IsAsciiDigit(c) || c is >= 'a' and <= 'f'))
        {
            errors.Add(new("Package.Sha256", "The package SHA-256 must be 64 lower-case hexadecimal characters"));
        }

        if (package.Size <= 0)
        {
            errors.Add(new("Package.Size", "The package size must be more than 0 bytes"));
        }

        if (string.IsNullOrWhiteSpace(package.FileName) || package.FileName.IndexOfAny(['/', '\\']) >= 0)
        {
            errors.Add(new("Package.FileName", $"The package file name '{package.FileName}' must be a bare file name"));
        }
    }

    private static void ValidateSources(IReadOnlyList<PackageSource> sources, List<ValidationError> errors)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < sources.Count; i++)
        {
            var location = sources[i].Location?.Trim() ?? "";
            var field = $"Sources[{i}].Location";
            if (!Uri.TryCreate(location, UriKind.Absolute, out var uri) ||
                uri.Scheme is not ("http" or "https" or "file") ||
                !location.StartsWith(uri.Scheme + ":", StringComparison.OrdinalIgnoreCase) ||
                (uri.Scheme != "file" && string.IsNullOrEmpty(uri.Host)))
            {
                errors.Add(new(field, $"Source '{location}' must be an http(s) or file URL"));
            }
            else if (!seen.Add(location))
            {
                errors.Add(new(field, $"Source '{location}' is listed more than once"));
            }
        }
    }

    private static void ValidateLinks(Application app, List<ValidationError> errors)
    {
        var dependencyTargets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < app.Dependencies.Count; i++)
        {
            var dependency = app.Dependencies[i];
            var field = $"Dependencies[{i}]";
            foreach (var message in RequirementValidator.TargetErrors(app, dependency.ApplicationId, dependency.ExternalSoftwareName, "dependency", "depend on"))
            {
                errors.Add(new(field, message));
            }

            Add(errors, field, Prefixed("Version range", RequirementValidator.Range(dependency.MinVersion, dependency.MaxVersion)));
            var key = Key(dependency.ApplicationId, dependency.ExternalSoftwareName);
            if (key is not null && !dependencyTargets.Add(key))
            {
                errors.Add(new(field, $"{Describe(dependency.ApplicationId, dependency.ExternalSoftwareName)} is listed as a dependency more than once"));
            }
        }

        var conflictTargets = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < app.Conflicts.Count; i++)
        {
            var conflict = app.Conflicts[i];
            var field = $"Conflicts[{i}]";
            foreach (var message in RequirementValidator.TargetErrors(app, conflict.ApplicationId, conflict.ExternalSoftwareName, "conflict", "conflict with"))
            {
                errors.Add(new(field, message));
            }

            Add(errors, field, Prefixed("Version range", RequirementValidator.Range(conflict.MinVersion, conflict.MaxVersion)));
            var key = Key(conflict.ApplicationId, conflict.ExternalSoftwareName);
            if (key is null)
            {
                continue;
            }

            if (!conflictTargets.Add(key))
            {
                errors.Add(new(field, $"{Describe(conflict.ApplicationId, conflict.ExternalSoftwareName)} is listed as a conflict more than once"));
            }
            else if (dependencyTargets.Contains(key))
            {
                errors.Add(new(field, $"{Describe(conflict.ApplicationId, conflict.ExternalSoftwareName)} is both a dependency and a conflict"));
            }
        }
    }

    private static void ValidateScripts(IReadOnlyList<ApplicationScript> scripts, List<ValidationError> errors)
    {
        var stages = new HashSet<ScriptStage>();
        for (var i = 0; i < scripts.Count; i++)
        {
            var script = scripts[i];
            var field = $"Scripts[{i}]";
            if (!stages.Add(script.Stage))
            {
                errors.Add(new($"{field}.Stage", $"There is more than one {script.Stage} script"));
            }

            if (script.TimeoutSeconds <= 0)
            {
                errors.Add(new($"{field}.TimeoutSeconds", $"The {script.Stage} script timeout must be more than 0 seconds; it is {script.TimeoutSeconds}"));
            }
            else if (script.TimeoutSeconds > MaximumScriptTimeoutSeconds)
            {
                errors.Add(new($"{field}.TimeoutSeconds", $"The {script.Stage} script timeout is {script.TimeoutSeconds} seconds; the maximum is {MaximumScriptTimeoutSeconds} (a day)"));
            }

            if (string.IsNullOrWhiteSpace(script.Engine))
            {
                errors.Add(new($"{field}.Engine", $"The {script.Stage} script needs an engine, e.g. /bin/sh"));
            }

            if (string.IsNullOrWhiteSpace(script.Body))
            {
                errors.Add(new($"{field}.Body", $"The {script.Stage} script is empty"));
            }

            if (script.Extension is not { Length: >= 2 and <= 16 } || script.Extension[0] != '.' || !script.Extension[1..].All(char.IsAsciiLetterOrDigit))
            {
                errors.Add(new($"{field}.Extension", $"The script extension '{script.Extension}' must look like '.sh' (a dot, then letters or digits)"));
            }
        }
    }

    private static void ValidateUninstallPolicy(UninstallPolicy policy, List<ValidationError> errors)
    {
        if (policy.UninstallIfUnusedDays is <= 0)
        {
            errors.Add(new("UninstallPolicy.UninstallIfUnusedDays", $"Uninstall-if-unused must be at least 1 day; it is {policy.UninstallIfUnusedDays}"));
        }
    }

    private static void ValidateProcessNames(IReadOnlyList<string> names, List<ValidationError> errors, string field = "ProcessNames")
    {
        for (var i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (string.IsNullOrWhiteSpace(name) || name.IndexOfAny(['/', '\\']) >= 0 || name.Any(char.IsControl))
            {
                errors.Add(new($"{field}[{i}]", $"Process name '{name}' must be a bare program name without a path"));
            }
        }
    }

    private static void ValidateAvailability(Availability availability, List<ValidationError> errors)
    {
        for (var i = 0; i < availability.Users.Count; i++)
        {
            var user = availability.Users[i];
            var at = user?.IndexOf('@') ?? -1;
            if (user is null || at <= 0 || at == user.Length - 1 || user.Any(char.IsWhiteSpace))
            {
                errors.Add(new($"Availability.Users[{i}]", $"'{user}' is not an email address"));
            }
        }

        for (var i = 0; i < availability.Roles.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(availability.Roles[i]))
            {
                errors.Add(new($"Availability.Roles[{i}]", "A role name cannot be empty"));
            }
        }

        ValidateRequiredSchedule(availability, errors);
    }

    private static void ValidateRequiredSchedule(Availability availability, List<ValidationError> errors)
    {
        if (availability.Mode != AvailabilityMode.Required)
        {
            if (availability.Deadline is not null)
            {
                errors.Add(new("Availability.Deadline", "Only required software has a deadline: choose Required, or clear the deadline"));
            }

            if (availability.Deferrals != 0)
            {
                errors.Add(new("Availability.Deferrals", "Only required software can be postponed: choose Required, or set postponements to 0"));
            }

            return;
        }

        if (availability.Deferrals is < 0 or > Availability.MaximumDeferrals)
        {
            errors.Add(new("Availability.Deferrals", $"Postponements must be between 0 and {Availability.MaximumDeferrals}"));
        }
        else if (availability.Deferrals > 0 && availability.Deadline is null)
        {
            errors.Add(new("Availability.Deferrals", "Postponements move the deadline: set a deadline, or set postponements to 0"));
        }

        if (availability.DeferralHours is < 1 or > Availability.MaximumDeferralHours)
        {
            errors.Add(new("Availability.DeferralHours", $"One postponement must be between 1 and {Availability.MaximumDeferralHours} hours"));
        }
    }

    private static string? TooLong(string what, string? text, int maximum) =>
        text is not null && text.Length > maximum ? $"The {what} is {text.Length} characters; the maximum is {maximum}" : null;

    private static string? Prefixed(string prefix, string? message) => message is null ? null : $"{prefix}: {message}";

    private static string? Key(Guid? applicationId, string? externalName) =>
        applicationId is { } id ? $"app:{id}" : string.IsNullOrWhiteSpace(externalName) ? null : $"ext:{externalName.Trim()}";

    private static string Describe(Guid? applicationId, string? externalName) =>
        applicationId is { } id ? $"Application {id}" : $"External software '{externalName?.Trim()}'";

    private static void Add(List<ValidationError> errors, string field, string? message)
    {
        if (message is not null)
        {
            errors.Add(new(field, message));
        }
    }
}
