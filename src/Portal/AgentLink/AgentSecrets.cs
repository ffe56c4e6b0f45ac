using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Portal.AgentLink;

/// <summary>Enrollment tokens and agent credentials: 32 random bytes, base64url; only their SHA-256 is stored.</summary>
public static class AgentSecrets
{
    public static string Generate() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret.Trim())));
}
