using System.ComponentModel.DataAnnotations;

namespace Portal.Components.Account;

public sealed class ChangePasswordInput
{
    [Required(ErrorMessage = "Enter your current password.")]
    public string CurrentPassword { get; set; } = "";

    [Required(ErrorMessage = "Enter a new password.")]
    [StringLength(200, MinimumLength = 8, ErrorMessage = "The new password must be at least 8 characters.")]
    public string NewPassword { get; set; } = "";

    [Compare(nameof(NewPassword), ErrorMessage = "The two new passwords do not match.")]
    public string ConfirmPassword { get; set; } = "";
}
