using System.ComponentModel.DataAnnotations;

namespace Portal.Components.Account;

public sealed class LoginInput
{
    [Required(ErrorMessage = "Enter your email address.")]
    [EmailAddress(ErrorMessage = "Enter a valid email address.")]
    public string Email { get; set; } = "";

    [Required(ErrorMessage = "Enter your password.")]
    public string Password { get; set; } = "";

    public bool RememberMe { get; set; }
}
