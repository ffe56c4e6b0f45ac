using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.Events;
using Catalog.Macros;
using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Tests.Applications;

public sealed class ApplicationValidatorTests
{
    private static readonly Guid OtherId = Guid.Parse("55555555-5555-5555-5555-555555555555");

    private static Application Valid() => new()
    {
        Name = "Editor",
        Version = "1.2.0",
        Publisher = "Acme",
        Package = new PackageReference(new string('a', 64), 1024, "editor.zip"),
        Requirements = [new OsRequirement(OsFamily.Linux, "12"), new MemoryRequirement(1024), new DiskSpaceRequirement("%*PROGRAMS%", 200)],
        Macros =
        [
            new StringMacro { Name = "DIR", Value = "%TARGET%/editor" },
            new PromptedVolumeMacro { Name = "TARGET", Prompt = "Where?", DefaultVolume = "/", MinimumFreeMb = 100 },
            new PromptedStringMacro { Name = "Sub_Dir", Prompt = "Folder?", Default = "%*PROGRAMS%/x", MaximumLength = 100 },
        ],
        Sources = [new PackageSource("https://mirror.example/editor.zip"), new PackageSource("file:///srv/packages/editor.zip")],
        Dependencies = [new Dependency(OtherId, MinVersion: "2.0"), new Dependency(ExternalSoftwareName: "libssl3")],
        Conflicts = [new Conflict(ExternalSoftwareName: "vim-tiny")],
        Scripts = [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "echo done" }],
        ProcessNames = ["editor"],
        Availability = new Availability { Users = ["ann@example.com"] },
    };

    private static ValidationError Single(Application app) => Assert.Single(ApplicationValidator.Validate(app));

    [Fact]
    public void Valid_application_has_no_errors()
    {
        Assert.Empty(ApplicationValidator.Validate(Valid()));
    }

    [Fact]
    public void Minimal_application_is_valid()
    {
        Assert.Empty(ApplicationValidator.Validate(new Application { Name = "Tool", Version = "1" }));
    }

    [Fact]
    public void Name_and_version_rules_apply()
    {
        var errors = ApplicationValidator.Validate(Valid() with { Name = "a/b", Version = "1..2" });

        Assert.Equal(
            [
                new ValidationError("Name", "The name 'a/b' contains '/', which is not allowed (no path characters)"),
                new ValidationError("Version", "'1..2' is not a valid version: empty part at position 2"),
            ],
            errors);
    }

    [Fact]
    public void Empty_id_is_refused()
    {
        Assert.Equal(new ValidationError("Id", "The application needs an id"), Single(Valid() with { Id = Guid.Empty }));
    }

    [Theory]
    [InlineData("Publisher", 101, "The publisher is 101 characters; the maximum is 100")]
    [InlineData("Category", 101, "The category is 101 characters; the maximum is 100")]
    [InlineData("Description", 4001, "The description is 4001 characters; the maximum is 4000")]
    public void Text_fields_are_bounded(string field, int length, string message)
    {
        var text = new string('x', length);
        var app = field switch
        {
            "Publisher" => Valid() with { Publisher = text },
            "Category" => Valid() with { Category = text },
            _ => Valid() with { Description = text },
        };

        Assert.Equal(new ValidationError(field, message), Single(app));
    }

    [Theory]
    [InlineData("ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789")]
    [InlineData("abc")]
    [InlineData("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")]
    public void Package_hash_must_be_lower_case_hex_sha256(string sha)
    {
        var error = Single(Valid() with { Package = new PackageReference(sha, 10) });

        Assert.Equal(new ValidationError("Package.Sha256", "The package SHA-256 must be 64 lower-case hexadecimal characters"), error);
    }

    [Fact]
    public void Package_size_and_file_name_are_checked()
    {
        var errors = ApplicationValidator.Validate(Valid() with { Package = new PackageReference(new string('0', 64), 0, "../x.zip") });

        Assert.Equal(["Package.Size", "Package.FileName"], errors.Select(e => e.Field));
        Assert.Equal("The package file name '../x.zip' must be a bare file name", errors[1].Message);
    }

    public static TheoryData<Requirement, string> BadRequirements => new()
    {
        { new OsRequirement(OsFamily.Linux, "3", "2"), "OS version range: Minimum version 3 is above maximum version 2" },
        { new OsRequirement(OsFamily.Windows), "The application is built for Linux but requires Windows, so it could never be installed" },
        { new ArchitectureRequirement([]), "Choose at least one processor architecture" },
        { new MemoryRequirement(0), "The memory requirement must be at least 1 MB" },
        { new CpuCountRequirement(-1), "The CPU requirement must be at least 1 CPU" },
        { new DiskSpaceRequirement("", 10), "The disk space requirement needs a volume or path" },
        { new DiskSpaceRequirement("%*PROGRAMS", 10), "Unmatched '%' at position 1 in '%*PROGRAMS'; write %% for a literal percent" },
        { new DiskSpaceRequirement("/opt", 0), "The disk space requirement must be at least 1 MB" },
        { new FileExistsRequirement(" "), "The file requirement needs a path" },
        { new FileVersionRequirement("/x"), "The file version requirement needs a minimum or maximum version" },
        { new FileVersionRequirement("/x", "a"), "File version range: Minimum version 'a' is not a valid version: part 1 ('a') is not a number" },
        { new EnvironmentVariableRequirement("A=B", "c"), "Environment variable name 'A=B' must be non-empty, without spaces or '='" },
        { new InstalledSoftwareRequirement(), "The requirement must name an application or external software" },
        { new InstalledSoftwareRequirement(OtherId, "git"), "The requirement names both an application and external software; choose one" },
        { new InstalledSoftwareRequirement(ExternalSoftwareName: "git", MaxVersion: "x"), "Version range: Maximum version 'x' is not a valid version: part 1 ('x') is not a number" },
        { new RegistryValueRequirement(@"SOFTWARE\Acme", "V"), @"Registry key 'SOFTWARE\Acme' must start with a hive such as HKLM or HKCU" },
        { new RegistryValueRequirement(@"HKLM\SOFTWARE\Acme", null!), "The registry requirement needs a value name (empty for the default value)" },
    };

    [Theory]
    [MemberData(nameof(BadRequirements))]
    public void Bad_requirements_are_reported_at_their_index(Requirement requirement, string message)
    {
        var app = Valid() with { Requirements = [new MemoryRequirement(1), requirement] };

        Assert.Equal(new ValidationError("Requirements[1]", message), Single(app));
    }

    [Fact]
    public void Requiring_itself_is_refused()
    {
        var app = Valid();
        app = app with { Requirements = [new InstalledSoftwareRequirement(app.Id)] };

        Assert.Equal("An application cannot require itself", Single(app).Message);
    }

    [Fact]
    public void Registry_requirement_with_a_long_hive_name_and_default_value_is_valid()
    {
        var app = Valid() with { Requirements = [new RegistryValueRequirement(@"HKEY_LOCAL_MACHINE\SOFTWARE\Acme", "")] };

        Assert.Empty(ApplicationValidator.Validate(app));
    }

    [Theory]
    [InlineData("bad name", "Macro name 'bad name' may contain only letters, digits and _")]
    [InlineData("*PROGRAMS", "Macro name '*PROGRAMS' may contain only letters, digits and _")]
    [InlineData("", "Macro name '' may contain only letters, digits and _")]
    [InlineData("dir", "Macro name dir is used more than once (names ignore case)")]
    public void Macro_names_must_be_valid_and_unique(string name, string message)
    {
        var app = Valid() with { Macros = [.. Valid().Macros, new StringMacro { Name = name, Value = "v" }] };

        Assert.Equal(new ValidationError("Macros[3].Name", message), Single(app));
    }

    [Fact]
    public void Macro_name_length_is_bounded()
    {
        var name = new string('A', 65);
        var app = Valid() with { Macros = [new StringMacro { Name = name, Value = "v" }] };

        Assert.Equal($"Macro name {name} is 65 characters; the maximum is 64", Single(app).Message);
    }

    [Fact]
    public void Macro_value_syntax_is_checked()
    {
        var app = Valid() with { Macros = [new StringMacro { Name = "RATE", Value = "50% off" }] };

        Assert.Equal(new ValidationError("Macros[0].Value", "Unmatched '%' at position 3 in '50% off'; write %% for a literal percent"), Single(app));
    }

    [Fact]
    public void Macro_cycle_is_named()
    {
        var app = Valid() with
        {
            Macros =
            [
                new StringMacro { Name = "A", Value = "%B%/x" },
                new StringMacro { Name = "B", Value = "%*HOME%/%c%" },
                new PromptedStringMacro { Name = "C", Prompt = "?", Default = "%a%" },
            ],
        };

        Assert.Equal(new ValidationError("Macros", "Macro cycle: A -> B -> C -> A"), Single(app));
    }

    [Fact]
    public void Macro_self_reference_is_a_cycle()
    {
        var app = Valid() with { Macros = [new PromptedVolumeMacro { Name = "V", Prompt = "?", DefaultVolume = "%V%" }] };

        Assert.Equal("Macro cycle: V -> V", Single(app).Message);
    }

    [Fact]
    public void References_to_environment_variables_are_not_errors()
    {
        var app = Valid() with { Macros = [new StringMacro { Name = "A", Value = "%JAVA_HOME%/bin" }] };

        Assert.Empty(ApplicationValidator.Validate(app));
    }

    public static TheoryData<MacroDefinition, string, string> BadPrompts => new()
    {
        { new PromptedVolumeMacro { Name = "V", Prompt = " " }, "Macros[0].Prompt", "Prompted macro V needs prompt text" },
        { new PromptedVolumeMacro { Name = "V", Prompt = new string('p', 501) }, "Macros[0].Prompt", "The prompt of V is 501 characters; the maximum is 500" },
        { new PromptedVolumeMacro { Name = "V", Prompt = "?", MinimumFreeMb = -1 }, "Macros[0].MinimumFreeMb", "The minimum free space of V cannot be negative" },
        { new PromptedVolumeMacro { Name = "V", Prompt = "?", DefaultVolume = "%X" }, "Macros[0].DefaultVolume", "Unmatched '%' at position 1 in '%X'; write %% for a literal percent" },
        { new PromptedStringMacro { Name = "S", Prompt = "?", MaximumLength = 0 }, "Macros[0].MaximumLength", "The maximum length of S must be between 1 and 4096; it is 0" },
        { new PromptedStringMacro { Name = "S", Prompt = "?", MaximumLength = 5000 }, "Macros[0].MaximumLength", "The maximum length of S must be between 1 and 4096; it is 5000" },
        { new PromptedStringMacro { Name = "S", Prompt = "?", MaximumLength = 3, Default = "abcd" }, "Macros[0].Default", "The default of S is 4 characters; the maximum length is 3" },
        { new PromptedStringMacro { Name = "S", Prompt = "?", Default = "/opt/../etc" }, "Macros[0].Default", "The default of S contains a '..' segment, which is not allowed in a path" },
        { new PromptedStringMacro { Name = "S", Prompt = "?", Default = "100%" }, "Macros[0].Default", "Unmatched '%' at position 4 in '100%'; write %% for a literal percent" },
    };

    [Theory]
    [MemberData(nameof(BadPrompts))]
    public void Prompted_macro_limits_must_be_sane(MacroDefinition macro, string field, string message)
    {
        Assert.Equal(new ValidationError(field, message), Single(Valid() with { Macros = [macro] }));
    }

    [Fact]
    public void Dot_dot_default_is_fine_when_not_used_in_a_path()
    {
        var app = Valid() with { Macros = [new PromptedStringMacro { Name = "S", Prompt = "?", Default = "../x", UsedInPath = false }] };

        Assert.Empty(ApplicationValidator.Validate(app));
    }

    [Theory]
    [InlineData("ftp://mirror.example/x.zip")]
    [InlineData("mirror.example/x.zip")]
    [InlineData("/srv/packages/x.zip")]
    [InlineData("https:///x.zip")]
    [InlineData("")]
    public void Sources_must_be_http_or_file_urls(string location)
    {
        var error = Single(Valid() with { Sources = [new PackageSource(location)] });

        Assert.Equal(new ValidationError("Sources[0].Location", $"Source '{location}' must be an http(s) or file URL"), error);
    }

    [Fact]
    public void Repeated_sources_are_refused()
    {
        var error = Single(Valid() with { Sources = [new PackageSource("http://a.example/x.zip"), new PackageSource("HTTP://a.example/x.zip")] });

        Assert.Equal(new ValidationError("Sources[1].Location", "Source 'HTTP://a.example/x.zip' is listed more than once"), error);
    }

    [Fact]
    public void Depending_on_itself_is_refused()
    {
        var app = Valid();
        app = app with { Dependencies = [new Dependency(app.Id)] };

        Assert.Equal(new ValidationError("Dependencies[0]", "An application cannot depend on itself"), Single(app));
    }

    [Fact]
    public void Conflicting_with_itself_is_refused()
    {
        var app = Valid();
        app = app with { Conflicts = [new Conflict(app.Id)] };

        Assert.Equal(new ValidationError("Conflicts[0]", "An application cannot conflict with itself"), Single(app));
    }

    [Theory]
    [InlineData(null, null, "The dependency must name an application or external software")]
    [InlineData("55555555-5555-5555-5555-555555555555", "git", "The dependency names both an application and external software; choose one")]
    public void Dependency_must_name_exactly_one_target(string? id, string? name, string message)
    {
        var app = Valid() with { Dependencies = [new Dependency(id is null ? null : Guid.Parse(id), name)] };

        Assert.Equal(new ValidationError("Dependencies[0]", message), Single(app));
    }

    [Fact]
    public void Dependency_and_conflict_ranges_are_checked()
    {
        var app = Valid() with
        {
            Dependencies = [new Dependency(ExternalSoftwareName: "git", MinVersion: "2", MaxVersion: "1")],
            Conflicts = [new Conflict(ExternalSoftwareName: "nano", MinVersion: "..")],
        };

        var errors = ApplicationValidator.Validate(app);

        Assert.Equal(
            [
                new ValidationError("Dependencies[0]", "Version range: Minimum version 2 is above maximum version 1"),
                new ValidationError("Conflicts[0]", "Version range: Minimum version '..' is not a valid version: empty part at position 1"),
            ],
            errors);
    }

    [Fact]
    public void Repeated_dependencies_and_conflicts_are_refused()
    {
        var app = Valid() with
        {
            Dependencies = [new Dependency(OtherId), new Dependency(OtherId, MinVersion: "2")],
            Conflicts = [new Conflict(ExternalSoftwareName: "nano"), new Conflict(ExternalSoftwareName: "NANO ")],
        };

        var errors = ApplicationValidator.Validate(app);

        Assert.Equal(
            [
                new ValidationError("Dependencies[1]", $"Application {OtherId} is listed as a dependency more than once"),
                new ValidationError("Conflicts[1]", "External software 'NANO' is listed as a conflict more than once"),
            ],
            errors);
    }

    [Fact]
    public void Same_target_as_dependency_and_conflict_is_refused()
    {
        var app = Valid() with { Dependencies = [new Dependency(ExternalSoftwareName: "git")], Conflicts = [new Conflict(ExternalSoftwareName: "Git")] };

        Assert.Equal(new ValidationError("Conflicts[0]", "External software 'Git' is both a dependency and a conflict"), Single(app));
    }

    [Theory]
    [InlineData(0, "The PreInstall script timeout must be more than 0 seconds; it is 0")]
    [InlineData(-5, "The PreInstall script timeout must be more than 0 seconds; it is -5")]
    [InlineData(86_401, "The PreInstall script timeout is 86401 seconds; the maximum is 86400 (a day)")]
    public void Script_timeout_must_be_positive_and_bounded(int seconds, string message)
    {
        var app = Valid() with { Scripts = [new ApplicationScript { Stage = ScriptStage.PreInstall, Body = "true", TimeoutSeconds = seconds }] };

        Assert.Equal(new ValidationError("Scripts[0].TimeoutSeconds", message), Single(app));
    }

    [Fact]
    public void Script_engine_body_extension_and_stage_are_checked()
    {
        var app = Valid() with
        {
            Scripts =
            [
                new ApplicationScript { Stage = ScriptStage.PreUninstall, Body = "x" },
                new ApplicationScript { Stage = ScriptStage.PreUninstall, Engine = "", Body = " ", Extension = "sh" },
            ],
        };

        var errors = ApplicationValidator.Validate(app);

        Assert.Equal(
            [
                new ValidationError("Scripts[1].Stage", "There is more than one PreUninstall script"),
                new ValidationError("Scripts[1].Engine", "The PreUninstall script needs an engine, e.g. /bin/sh"),
                new ValidationError("Scripts[1].Body", "The PreUninstall script is empty"),
                new ValidationError("Scripts[1].Extension", "The script extension 'sh' must look like '.sh' (a dot, then letters or digits)"),
            ],
            errors);
    }

    [Theory]
    [InlineData(".ps1", true)]
    [InlineData(".sh", true)]
    [InlineData(".", false)]
    [InlineData("./sh", false)]
    [InlineData(".toolongextension", false)]
    public void Script_extension_shape(string extension, bool valid)
    {
        var app = Valid() with { Scripts = [new ApplicationScript { Stage = ScriptStage.PostInstall, Body = "x", Extension = extension }] };

        Assert.Equal(valid, ApplicationValidator.Validate(app).Count == 0);
    }

    [Fact]
    public void Uninstall_if_unused_must_be_at_least_a_day()
    {
        var app = Valid() with { UninstallPolicy = new UninstallPolicy { UninstallIfUnusedDays = 0 } };

        Assert.Equal(new ValidationError("UninstallPolicy.UninstallIfUnusedDays", "Uninstall-if-unused must be at least 1 day; it is 0"), Single(app));
    }

    [Theory]
    [InlineData("/usr/bin/editor")]
    [InlineData("")]
    [InlineData(@"C:\editor.exe")]
    public void Process_names_must_be_bare(string name)
    {
        var error = Single(Valid() with { ProcessNames = ["ok", name] });

        Assert.Equal(new ValidationError("ProcessNames[1]", $"Process name '{name}' must be a bare program name without a path"), error);
    }

    [Theory]
    [InlineData("ann")]
    [InlineData("@example.com")]
    [InlineData("ann@")]
    [InlineData("a nn@example.com")]
    public void Assigned_users_must_be_email_addresses(string user)
    {
        var error = Single(Valid() with { Availability = new Availability { Users = [user] } });

        Assert.Equal(new ValidationError("Availability.Users[0]", $"'{user}' is not an email address"), error);
    }

    [Fact]
    public void Assigned_roles_cannot_be_empty()
    {
        var error = Single(Valid() with { Availability = new Availability { Roles = ["User", " "] } });

        Assert.Equal(new ValidationError("Availability.Roles[1]", "A role name cannot be empty"), error);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        var app = Valid() with { Name = "", Version = "", Sources = [new PackageSource("ftp://x")], ProcessNames = ["/bin/x"] };

        Assert.Equal(["Name", "Version", "Sources[0].Location", "ProcessNames[0]"], ApplicationValidator.Validate(app).Select(e => e.Field));
    }
    [Theory]
    [InlineData(ReportingDestinations.TextLog, "Reporting.LogFilePath", "A text log file path is required")]
    [InlineData(ReportingDestinations.XmlHttp, "Reporting.XmlUrl", "An XML URL is required")]
    [InlineData(ReportingDestinations.Snmp, "Reporting.SnmpTarget", "An SNMP trap receiver is required")]
    public void A_routed_destination_needs_its_address(ReportingDestinations destination, string field, string message)
    {
        var error = Single(Valid() with
        {
            Reporting = new ReportingPolicy { Routes = new Dictionary<EventType, ReportingDestinations> { [EventType.DistributionFailure] = destination } },
        });

        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("ftp://reports.example/events")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://user:secret@reports.example/events")]
    [InlineData("reports.example/events")]
    public void Xml_url_must_be_plain_http_or_https(string url)
    {
        var error = Single(Valid() with { Reporting = new ReportingPolicy { XmlUrl = url } });

        Assert.Equal("Reporting.XmlUrl", error.Field);
        Assert.Contains("must be an http:// or https:// address", error.Message);
    }

    [Fact]
    public void Snmp_target_and_community_are_checked()
    {
        var errors = ApplicationValidator.Validate(Valid() with
        {
            Reporting = new ReportingPolicy
            {
                Routes = new Dictionary<EventType, ReportingDestinations> { [EventType.DistributionSuccess] = ReportingDestinations.Snmp },
                SnmpTarget = "nms.example.com:99999",
                SnmpCommunity = "not valid",
            },
        });

        Assert.Equal(["Reporting.SnmpCommunity", "Reporting.SnmpTarget"], errors.Select(e => e.Field).Order());
    }

    [Fact]
    public void Snmp_reporting_with_a_receiver_is_valid() =>
        Assert.Empty(ApplicationValidator.Validate(Valid() with
        {
            Reporting = new ReportingPolicy
            {
                Routes = new Dictionary<EventType, ReportingDestinations> { [EventType.DistributionSuccess] = ReportingDestinations.Database | ReportingDestinations.Snmp },
                SnmpTarget = "[::1]:1162",
                SnmpCommunity = "ops",
            },
        }));
}
