using Catalog.Applications;

namespace Catalog.Scheduling;

/// <summary>Checks a maintenance window before it is saved (editor and REST API).</summary>
public static class MaintenanceWindowValidator
{
    public const int MaximumNameLength = 100;

    public static IReadOnlyList<ValidationError> Validate(MaintenanceWindow window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var errors = new List<ValidationError>();
        if (string.IsNullOrWhiteSpace(window.Name))
        {
            errors.Add(new("Name", "Give the window a name"));
        }
        else if (window.Name.Length > MaximumNameLength)
        {
            errors.Add(new("Name", $"The name is longer than {MaximumNameLength} characters"));
        }

        if (window.Days is null || window.Days.Count == 0)
        {
            errors.Add(new("Days", "Choose at least one day on which the window opens"));
        }
        else if (window.Days.Any(d => !Enum.IsDefined(d)))
        {
            errors.Add(new("Days", "A day must be Monday to Sunday"));
        }

        if (window.Start == window.End)
        {
            errors.Add(new("End", "The window must end at another time than it starts"));
        }

        if (window.MachineId == Guid.Empty)
        {
            errors.Add(new("MachineId", "Choose a machine, or none for every machine"));
        }

        return errors;
    }
}
