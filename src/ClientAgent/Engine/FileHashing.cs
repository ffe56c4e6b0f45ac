using System.Security.Cryptography;

namespace ClientAgent.Engine;

internal static class FileHashing
{
    public static string Sha256Of(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 1024 * 1024);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}
