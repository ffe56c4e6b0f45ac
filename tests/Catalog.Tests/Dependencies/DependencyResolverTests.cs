using Catalog.Applications;
using Catalog.Dependencies;
using Catalog.ExternalSoftware;
using Catalog.Machines;
using Catalog.Requirements;

namespace Catalog.Tests.Dependencies;

public sealed class DependencyResolverTests
{
    private static readonly Inventory Machine = new() { OsFamily = OsFamily.Linux, OsVersion = "12", MemoryMb = 4096, CpuCount = 4 };

    private static Application App(string name, string version = "1.0", Dependency[]? dependencies = null, Conflict[]? conflicts = null) =>
        new() { Name = name, Version = version, Dependencies = dependencies ?? [], Conflicts = conflicts ?? [] };

    private static Inventory With(params InstalledApplication[] installed) => Machine with { Applications = installed };

    private static InstalledApplication Installed(Application app, string? version = null) =>
        new(app.Id, app.Name, version ?? app.Version, DateTimeOffset.UnixEpoch);

    private static InstallPlan Resolve(Application target, IReadOnlyCollection<Application> catalog, Inventory? machine = null, ExternalSoftwareList? list = null) =>
        DependencyResolver.Resolve(target, catalog, machine ?? Machine, list ?? ExternalSoftwareList.Empty);

    [Fact]
    public void Application_without_dependencies_installs_alone()
    {
        var editor = App("Editor");

        var plan = Resolve(editor, [editor]);

        Assert.False(plan.IsRefused);
        Assert.Null(plan.Refusal);
        Assert.Equal([editor], plan.InstallOrder);
        Assert.Empty(plan.AlreadySatisfied);
    }

    [Fact]
    public void Dependencies_install_first_transitively_and_each_once()
    {
        var runtime = App("Runtime", "2.1");
        var fonts = App("Fonts", dependencies: [new(runtime.Id)]);
        var plugins = App("Plugins", dependencies: [new(runtime.Id), new(fonts.Id)]);
        var editor = App("Editor", dependencies: [new(plugins.Id), new(fonts.Id), new(runtime.Id)]);

        var plan = Resolve(editor, [editor, plugins, fonts, runtime]);

        Assert.Equal(["Runtime", "Fonts", "Plugins", "Editor"], plan.InstallOrder.Select(a => a.Name));
    }

    [Fact]
    public void Target_missing_from_the_catalog_still_resolves()
    {
        var runtime = App("Runtime");
        var editor = App("Editor", dependencies: [new(runtime.Id)]);

        var plan = Resolve(editor, [runtime]);

        Assert.Equal([runtime, editor], plan.InstallOrder);
    }

    [Fact]
    public void Installed_dependency_is_not_installed_again()
    {
        var runtime = App("Runtime", "2.1");
        var editor = App("Editor", dependencies: [new(runtime.Id, MinVersion: "2.0")]);

        var plan = Resolve(editor, [editor, runtime], With(Installed(runtime)));

        Assert.Equal([editor], plan.InstallOrder);
        Assert.Equal(["Runtime 2.1 is already installed"], plan.AlreadySatisfied);
    }

    [Fact]
    public void Installed_copy_of_the_same_name_satisfies_a_dependency_in_range()
    {
        var runtime20 = App("Runtime", "2.0");
        var runtime21 = App("Runtime", "2.1");
        var editor = App("Editor", dependencies: [new(runtime20.Id, MinVersion: "2.0")]);

        var plan = Resolve(editor, [editor, runtime20, runtime21], With(Installed(runtime21)));

        Assert.Equal([editor], plan.InstallOrder);
        Assert.Equal(["Runtime 2.1 is already installed"], plan.AlreadySatisfied);
    }

    [Fact]
    public void Installed_dependency_out_of_range_is_upgraded_to_the_highest_catalog_version_in_range()
    {
        var runtime10 = App("Runtime", "1.0");
        var runtime20 = App("Runtime", "2.0");
        var runtime25 = App("Runtime", "2.5");
        var runtime30 = App("Runtime", "3.0");
        var editor = App("Editor", dependencies: [new(runtime10.Id, MinVersion: "2.0", MaxVersion: "2.9")]);

        var plan = Resolve(editor, [editor, runtime10, runtime20, runtime25, runtime30], With(Installed(runtime10)));

        Assert.Equal([runtime25, editor], plan.InstallOrder);
        Assert.Empty(plan.AlreadySatisfied);
    }

    [Fact]
    public void Dependency_without_a_range_installs_exactly_the_referenced_application()
    {
        var runtime20 = App("Runtime", "2.0");
        var runtime30 = App("Runtime", "3.0");
        var editor = App("Editor", dependencies: [new(runtime20.Id)]);

        var plan = Resolve(editor, [editor, runtime20, runtime30]);

        Assert.Equal([runtime20, editor], plan.InstallOrder);
    }

    [Fact]
    public void Dependency_on_an_application_listed_as_external_software_is_satisfied_by_it()
    {
        var runtime = App("Java Runtime", "17");
        var editor = App("Editor", dependencies: [new(runtime.Id, MinVersion: "17")]);
        var list = ExternalSoftwareList.Empty.Publish([new ExternalSoftwareEntry { Name = "Java Runtime" }], DateTimeOffset.UnixEpoch);
        var machine = Machine with { ExternalSoftware = [new InstalledSoftware("java runtime", "17.0.9")] };

        var plan = Resolve(editor, [editor, runtime], machine, list);

        Assert.Equal([editor], plan.InstallOrder);
        Assert.Equal(["Java Runtime is installed by other means"], plan.AlreadySatisfied);
    }

    [Fact]
    public void External_software_dependency_installed_by_other_means_is_satisfied()
    {
        var editor = App("Editor", dependencies: [new(ExternalSoftwareName: "libssl3", MinVersion: "3.0")]);
        var list = ExternalSoftwareList.Empty.Publish([new ExternalSoftwareEntry { Name = "libssl3" }], DateTimeOffset.UnixEpoch);
        var machine = Machine with { ExternalSoftware = [new InstalledSoftware("libssl3", "3.0.11-1~deb12u2")] };

        var plan = Resolve(editor, [editor], machine, list);

        Assert.Equal([editor], plan.InstallOrder);
        Assert.Equal(["libssl3 is installed by other means"], plan.AlreadySatisfied);
    }

    [Fact]
    public void External_software_dependency_not_installed_uses_a_catalog_application_of_that_name()
    {
        var libssl = App("libssl3", "3.1");
        var editor = App("Editor", dependencies: [new(ExternalSoftwareName: "LIBSSL3", MinVersion: "3.0")]);

        var plan = Resolve(editor, [editor, libssl]);

        Assert.Equal([libssl, editor], plan.InstallOrder);
    }

    [Fact]
    public void External_software_dependency_met_by_an_installed_catalog_application_of_that_name()
    {
        var libssl = App("libssl3", "3.1");
        var editor = App("Editor", dependencies: [new(ExternalSoftwareName: "libssl3")]);

        var plan = Resolve(editor, [editor, libssl], With(Installed(libssl)));

        Assert.Equal([editor], plan.InstallOrder);
        Assert.Equal(["libssl3 3.1 is already installed"], plan.AlreadySatisfied);
    }

    [Fact]
    public void External_software_dependency_that_is_nowhere_is_refused()
    {
        var editor = App("Editor", dependencies: [new(ExternalSoftwareName: "libssl3", MinVersion: "3.0")]);

        var plan = Resolve(editor, [editor], Machine with { ExternalSoftware = [new InstalledSoftware("libssl3", "1.1.1")] });

        Assert.True(plan.IsRefused);
        Assert.Equal("Editor needs libssl3 3.0 or later, which is not installed on this machine and not in the catalog", plan.Refusal);
        Assert.Empty(plan.InstallOrder);
    }

    [Fact]
    public void Missing_dependency_application_is_refused()
    {
        var missing = Guid.Parse("44444444-4444-4444-4444-444444444444");
        var editor = App("Editor", dependencies: [new(missing)]);

        var plan = Resolve(editor, [editor]);

        Assert.True(plan.IsRefused);
        Assert.Equal($"Editor depends on application {missing}, which is not in the catalog", plan.Refusal);
    }

    [Fact]
    public void Version_range_no_catalog_application_meets_is_refused()
    {
        var runtime20 = App("Runtime", "2.0");
        var runtime21 = App("Runtime", "2.1");
        var editor = App("Editor", dependencies: [new(runtime20.Id, MinVersion: "3.0")]);

        var plan = Resolve(editor, [editor, runtime21, runtime20]);

        Assert.Equal("Editor needs Runtime 3.0 or later; the catalog has only Runtime 2.0, 2.1", plan.Refusal);
    }

    [Fact]
    public void Cycle_is_refused_naming_the_chain()
    {
        var a = App("A");
        var b = App("B");
        var c = App("C");
        a = a with { Dependencies = [new(b.Id)] };
        b = b with { Dependencies = [new(c.Id)] };
        c = c with { Dependencies = [new(a.Id)] };

        var plan = Resolve(a, [a, b, c]);

        Assert.True(plan.IsRefused);
        Assert.Equal("Dependency cycle: A -> B -> C -> A", plan.Refusal);
    }

    [Fact]
    public void Cycle_below_the_target_names_only_the_loop()
    {
        var top = App("Top");
        var b = App("B");
        var c = App("C");
        top = top with { Dependencies = [new(b.Id)] };
        b = b with { Dependencies = [new(c.Id)] };
        c = c with { Dependencies = [new(b.Id)] };

        Assert.Equal("Dependency cycle: B -> C -> B", Resolve(top, [top, b, c]).Refusal);
    }

    [Fact]
    public void Cycle_broken_by_an_installed_application_is_fine()
    {
        var a = App("A");
        var b = App("B");
        a = a with { Dependencies = [new(b.Id)] };
        b = b with { Dependencies = [new(a.Id)] };

        var plan = Resolve(a, [a, b], With(Installed(b)));

        Assert.Equal([a], plan.InstallOrder);
    }

    [Fact]
    public void Dependency_with_a_bad_range_or_no_target_is_refused()
    {
        var runtime = App("Runtime");

        Assert.Equal("Editor has an invalid dependency: Minimum version 'x' is not a valid version: part 1 ('x') is not a number",
            Resolve(App("Editor", dependencies: [new(runtime.Id, MinVersion: "x")]), [runtime]).Refusal);
        Assert.Equal("Editor has a dependency that names no application or software",
            Resolve(App("Editor", dependencies: [new()]), [runtime]).Refusal);
    }

    [Fact]
    public void Dependency_that_does_not_meet_its_requirements_is_refused()
    {
        var runtime = App("Runtime", "2.0") with { Requirements = [new MemoryRequirement(8192)] };
        var editor = App("Editor", dependencies: [new(runtime.Id)]);

        var plan = Resolve(editor, [editor, runtime]);

        Assert.Equal("Runtime 2.0, needed by Editor 1.0, cannot be installed on this machine: Needs at least 8 GB of memory; this machine has 4 GB", plan.Refusal);
    }

    [Fact]
    public void Conflict_with_an_installed_application_is_refused()
    {
        var old = App("OldEditor", "0.9");
        var editor = App("Editor", conflicts: [new(old.Id)]);

        var plan = Resolve(editor, [editor, old], With(Installed(old)));

        Assert.True(plan.IsRefused);
        Assert.Equal("Editor 1.0 conflicts with OldEditor 0.9, which is installed", plan.Refusal);
    }

    [Fact]
    public void Conflict_outside_its_version_range_is_ignored()
    {
        var old = App("OldEditor", "0.9");
        var editor = App("Editor", conflicts: [new(old.Id, MaxVersion: "0.5")]);

        var plan = Resolve(editor, [editor, old], With(Installed(old)));

        Assert.False(plan.IsRefused);
    }

    [Fact]
    public void Conflict_with_installed_external_software_is_refused()
    {
        var editor = App("Editor", conflicts: [new(ExternalSoftwareName: "vim-tiny", MinVersion: "9.0")]);
        var machine = Machine with { ExternalSoftware = [new InstalledSoftware("vim-tiny", "2:9.0.1378-2")] };

        var plan = Resolve(editor, [editor], machine);

        Assert.Equal("Editor 1.0 conflicts with vim-tiny 2:9.0.1378-2, which is installed on this machine", plan.Refusal);
    }

    [Fact]
    public void Conflict_of_a_dependency_is_refused_too()
    {
        var old = App("OldRuntime");
        var runtime = App("Runtime", conflicts: [new(old.Id)]);
        var editor = App("Editor", dependencies: [new(runtime.Id)]);

        var plan = Resolve(editor, [editor, runtime, old], With(Installed(old)));

        Assert.Equal("Runtime 1.0 conflicts with OldRuntime 1.0, which is installed", plan.Refusal);
    }

    [Fact]
    public void Conflict_between_applications_in_the_same_plan_is_refused()
    {
        var fontsA = App("FontsA");
        var fontsB = App("FontsB", conflicts: [new(fontsA.Id)]);
        var editor = App("Editor", dependencies: [new(fontsA.Id), new(fontsB.Id)]);

        var plan = Resolve(editor, [editor, fontsA, fontsB]);

        Assert.Equal("FontsB 1.0 conflicts with FontsA 1.0, which this install would also install", plan.Refusal);
    }

    [Fact]
    public void Installed_applications_own_conflicts_are_honoured()
    {
        var editor = App("Editor");
        var rival = App("Rival", "3.0", conflicts: [new(editor.Id)]);

        var plan = Resolve(editor, [editor, rival], With(Installed(rival)));

        Assert.Equal("Rival 3.0, which is installed, conflicts with Editor 1.0", plan.Refusal);
    }

    [Fact]
    public void Every_conflict_is_listed_in_the_refusal()
    {
        var old = App("Old");
        var editor = App("Editor", conflicts: [new(old.Id), new(ExternalSoftwareName: "nano")]);
        var machine = With(Installed(old)) with { ExternalSoftware = [new InstalledSoftware("nano", "7.2-1")] };

        var plan = Resolve(editor, [editor, old], machine);

        Assert.Equal("Editor 1.0 conflicts with Old 1.0, which is installed; Editor 1.0 conflicts with nano 7.2-1, which is installed on this machine", plan.Refusal);
    }

    [Fact]
    public void Conflict_with_another_version_of_itself_is_found_by_name()
    {
        var editor1 = App("Editor", "1.0");
        var editor2 = App("Editor", "2.0", conflicts: [new(editor1.Id)]);

        var plan = Resolve(editor2, [editor1, editor2], With(Installed(editor1)));

        Assert.Equal("Editor 2.0 conflicts with Editor 1.0, which is installed", plan.Refusal);
    }

    [Fact]
    public void Reinstalling_an_application_does_not_conflict_with_itself()
    {
        var editor = App("Editor", conflicts: [new(ExternalSoftwareName: "Editor")]);

        var plan = Resolve(editor, [editor], With(Installed(editor)));

        Assert.False(plan.IsRefused);
        Assert.Equal([editor], plan.InstallOrder);
    }
}
