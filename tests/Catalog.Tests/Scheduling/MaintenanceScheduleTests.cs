using Catalog.Scheduling;

namespace Catalog.Tests.Scheduling;

public sealed class MaintenanceScheduleTests
{
    private static readonly TimeZoneInfo Berlin = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    // Wednesday 2 December 2026.
    private static DateTimeOffset Utc(int day, int hour, int minute = 0) => new(2026, 12, day, hour, minute, 0, TimeSpan.Zero);

    private static MaintenanceWindow Window(TimeOnly start, TimeOnly end, params DayOfWeek[] days) =>
        new() { Name = "w", Start = start, End = end, Days = days };

    [Fact]
    public void No_window_means_always_open()
    {
        Assert.True(MaintenanceSchedule.IsOpen([], Utc(2, 12), Berlin));
        Assert.Equal(Utc(2, 12), MaintenanceSchedule.NextOpening([], Utc(2, 12), Berlin));
    }

    [Fact]
    public void A_window_is_read_in_the_machines_time_zone()
    {
        // 22:00-23:00 Berlin on Wednesday = 21:00-22:00 UTC in winter.
        MaintenanceWindow[] windows = [Window(new(22, 0), new(23, 0), DayOfWeek.Wednesday)];

        Assert.False(MaintenanceSchedule.IsOpen(windows, Utc(2, 22, 30), Berlin));
        Assert.True(MaintenanceSchedule.IsOpen(windows, Utc(2, 21, 30), Berlin));
        Assert.True(MaintenanceSchedule.IsOpen(windows, Utc(2, 22, 30), TimeZoneInfo.Utc));
        Assert.Equal(Utc(2, 21), MaintenanceSchedule.NextOpening(windows, Utc(2, 10), Berlin));
    }

    [Fact]
    public void An_overnight_window_stays_open_past_midnight_into_the_next_day()
    {
        MaintenanceWindow[] windows = [Window(new(22, 0), new(4, 0), DayOfWeek.Wednesday)];

        Assert.True(MaintenanceSchedule.IsOpen(windows, Utc(3, 3, 59), TimeZoneInfo.Utc)); // Thursday early morning
        Assert.False(MaintenanceSchedule.IsOpen(windows, Utc(3, 4, 0), TimeZoneInfo.Utc));
        Assert.False(MaintenanceSchedule.IsOpen(windows, Utc(2, 3, 0), TimeZoneInfo.Utc)); // Tuesday's night is not in the window
    }

    [Fact]
    public void The_next_opening_is_found_in_the_next_week_when_this_weeks_has_passed()
    {
        MaintenanceWindow[] windows = [Window(new(1, 0), new(2, 0), DayOfWeek.Wednesday)];

        Assert.Equal(Utc(9, 1), MaintenanceSchedule.NextOpening(windows, Utc(2, 12), TimeZoneInfo.Utc));
    }

    [Fact]
    public void A_window_that_opens_in_the_hour_the_clocks_skip_opens_when_they_reach_it()
    {
        // Sunday 29 March 2026, Berlin: 02:00 becomes 03:00 (01:00 UTC).
        MaintenanceWindow[] windows = [Window(new(2, 30), new(5, 0), DayOfWeek.Sunday)];

        var opening = MaintenanceSchedule.NextOpening(windows, new DateTimeOffset(2026, 3, 28, 12, 0, 0, TimeSpan.Zero), Berlin);

        Assert.Equal(new DateTimeOffset(2026, 3, 29, 1, 0, 0, TimeSpan.Zero), opening);
    }

    [Fact]
    public void A_machine_without_a_known_time_zone_uses_UTC()
    {
        Assert.Equal(TimeZoneInfo.Utc, MachineTimeZone.Resolve(""));
        Assert.Equal(TimeZoneInfo.Utc, MachineTimeZone.Resolve("Not/AZone"));
        Assert.Equal("Europe/Berlin", MachineTimeZone.Resolve("Europe/Berlin").Id);
    }

    [Fact]
    public void Invalid_windows_are_refused_with_each_problem()
    {
        var errors = MaintenanceWindowValidator.Validate(new MaintenanceWindow { Name = " ", Days = [], Start = new(3, 0), End = new(3, 0) });

        Assert.Equal(["Name", "Days", "End"], errors.Select(e => e.Field));
        Assert.Contains("at least one day", errors[1].Message);
    }
}
