using Catalog.Machines;
using Catalog.Macros;

namespace Portal.Components.SelfService;

/// <summary>
/// Says what is wrong with an install answer in the words of the prompt the user sees, not the macro's name: the
/// decision is <see cref="PromptAnswerValidator"/>'s (the agent repeats it); only the sentence is written here.
/// </summary>
public static class PromptErrorText
{
    public static string For(PromptedMacro prompt, string value, string validatorMessage, Inventory machine)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        ArgumentNullException.ThrowIfNull(validatorMessage);
        if (prompt is PromptedStringMacro text)
        {
            if (value.Length > text.MaximumLength)
            {
                return $"Too long: {value.Length} characters, at most {text.MaximumLength} are allowed.";
            }

            if (validatorMessage.Contains("'..'", StringComparison.Ordinal))
            {
                return "A folder cannot contain “..” (a step up); enter the folder itself.";
            }

            if (validatorMessage.Contains("control character", StringComparison.Ordinal) || validatorMessage.Contains("NUL character", StringComparison.Ordinal))
            {
                return "Remove the invisible control characters from the answer.";
            }

            if (validatorMessage.StartsWith("No volume on this machine contains", StringComparison.Ordinal))
            {
                return string.IsNullOrWhiteSpace(value)
                    ? "Enter a folder."
                    : $"“{value}” is not on a drive of {MachineWord(machine)}; enter a full path, e.g. {Example(machine)}.";
            }
        }
        else if (prompt is PromptedVolumeMacro)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return "Choose a volume.";
            }

            if (validatorMessage.StartsWith("Volume '", StringComparison.Ordinal))
            {
                return $"“{value}” is not a volume of {MachineWord(machine)}; choose one of the list.";
            }
        }

        // Free space and anything else: the validator's sentence, with the macro's name replaced by the prompt.
        return Sizes.Humanize(validatorMessage.Replace($"The answer to {prompt.Name}", "The answer", StringComparison.OrdinalIgnoreCase)
            .Replace(prompt.Name, $"“{prompt.Prompt}”", StringComparison.Ordinal)).TrimEnd('.') + ".";
    }

    private static string MachineWord(Inventory machine) => "this machine";

    private static string Example(Inventory machine) => machine.Volumes.FirstOrDefault()?.Name is { } first ? $"{first.TrimEnd('/')}/my-folder" : "/home/me/my-folder";
}
