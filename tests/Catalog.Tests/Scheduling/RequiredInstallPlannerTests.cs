using Catalog.Applications;
using Catalog.Scheduling;

namespace Catalog.Tests.Scheduling;

public sealed class RequiredInstallPlannerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    private static Availability Required(DateTimeOffset? deadline, int deferrals = 0, int hours = 24) =>
        new() { Mode = AvailabilityMode.Required, Deadline = deadline, Deferrals = deferrals, DeferralHours = hours };

    private static readonly MaintenanceWindow[] Evenings =
        [new() { Name = "evenings", Days = Enum.GetValues<DayOfWeek>(), Start = new(18, 0), End = new(20, 0) }];

    [Fact]
    public void Before_the_deadline_it_waits_and_says_when()
    {
        var status = RequiredInstallPlanner.Evaluate(Required(Now.AddMinutes(2), deferrals: 1), 0, Now, [], TimeZoneInfo.Utc);

        Assert.False(status.StartNow);
        Assert.Equal(Now.AddMinutes(2), status.DueAt);
        Assert.Equal(Now.AddMinutes(2), status.StartsAt);
        Assert.False(status.WindowDecides);
        Assert.True(status.CanDefer);
    }

    [Fact]
    public void At_the_deadline_it_starts_only_inside_a_window()
    {
        var availability = Required(Now.AddMinutes(2));

        var closed = RequiredInstallPlanner.Evaluate(availability, 0, Now.AddMinutes(3), Evenings, TimeZoneInfo.Utc);
        var open = RequiredInstallPlanner.Evaluate(availability, 0, Now.AddHours(8).AddMinutes(1), Evenings, TimeZoneInfo.Utc);

        Assert.False(closed.StartNow);
        Assert.True(closed.WaitingForWindow);
        Assert.Equal(new DateTimeOffset(2026, 12, 2, 18, 0, 0, TimeSpan.Zero), closed.StartsAt);
        Assert.True(open.StartNow);
    }

    [Fact]
    public void Each_deferral_moves_the_machines_due_time_and_they_run_out()
    {
        var availability = Required(Now.AddMinutes(2), deferrals: 2, hours: 3);

        var once = RequiredInstallPlanner.Evaluate(availability, 1, Now.AddMinutes(3), [], TimeZoneInfo.Utc);
        var twice = RequiredInstallPlanner.Evaluate(availability, 2, Now, [], TimeZoneInfo.Utc);

        Assert.False(once.StartNow);
        Assert.Equal(Now.AddMinutes(2).AddHours(3), once.DueAt);
        Assert.Equal(1, once.DeferralsLeft);
        Assert.Equal(Now.AddMinutes(2).AddHours(6), twice.DueAt);
        Assert.False(twice.CanDefer);
    }

    [Fact]
    public void Without_a_deadline_it_is_due_at_once()
    {
        Assert.True(RequiredInstallPlanner.Evaluate(Required(null), 0, Now, [], TimeZoneInfo.Utc).StartNow);
    }

    [Fact]
    public void Schedule_settings_are_checked()
    {
        var available = new Application { Name = "A", Version = "1", Availability = new Availability { Deadline = Now, Deferrals = 1 } };
        var noDeadline = new Application { Name = "A", Version = "1", Availability = Required(null, deferrals: 2) };
        var badHours = new Application { Name = "A", Version = "1", Availability = Required(Now, hours: 0) };

        Assert.Equal(["Availability.Deadline", "Availability.Deferrals"], ApplicationValidator.Validate(available).Select(e => e.Field));
        Assert.Contains("set a deadline", Assert.Single(ApplicationValidator.Validate(noDeadline)).Message);
        Assert.Equal("Availability.DeferralHours", Assert.Single(ApplicationValidator.Validate(badHours)).Field);
    }

    [Fact]
    public void Blocking_process_names_must_be_bare_names()
    {
        var errors = ApplicationValidator.Validate(new Application { Name = "A", Version = "1", BlockingProcesses = ["ok", "/usr/bin/evil"] });

        Assert.Equal("BlockingProcesses[1]", Assert.Single(errors).Field);
    }
}
