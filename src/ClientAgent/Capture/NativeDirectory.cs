using System.Runtime.InteropServices;

namespace ClientAgent.Capture;

/// <summary>
/// The Linux calls the capture walk makes on raw UTF-8 bytes, the way <c>find</c> does: <c>open</c> a directory,
/// list it with <c>getdents64</c> into a reused buffer (names arrive NUL-terminated, so they are passed on to
/// <c>statx</c> and <c>readlinkat</c> as they are), no string per entry.
/// </summary>
internal static unsafe partial class NativeDirectory
{
    public const int NameTooLong = 36;

    /// <summary>Offset of <c>d_reclen</c>, <c>d_type</c> and <c>d_name</c> in <c>struct linux_dirent64</c> (same on every architecture).</summary>
    public const int RecordLengthOffset = 16;
    public const int NameOffset = 19;

    private const int ORdOnly = 0;
    private const int ODirectory = 0x10000;
    private const int ONoFollow = 0x20000;
    private const int OCloExec = 0x80000;

    /// <summary>
    /// Opens the directory at the NUL-terminated <paramref name="path"/>, following a link there only when
    /// <paramref name="followLink"/> (a capture root may be one; a directory met in the walk is never entered through
    /// a link that replaced it since); -1 and the errno when it cannot.
    /// </summary>
    public static int Open(byte* path, bool followLink, out int error)
    {
        var fd = OpenRaw(path, ORdOnly | ODirectory | (followLink ? 0 : ONoFollow) | OCloExec);
        error = fd < 0 ? Marshal.GetLastPInvokeError() : 0;
        return fd;
    }

    /// <summary>Fills <paramref name="buffer"/> with the next directory records; 0 at the end, negative on error.</summary>
    public static int List(int directory, byte* buffer, int size) => (int)GetDents64(directory, buffer, (nuint)size);

    public static void Close(int directory)
    {
        if (directory >= 0)
        {
            _ = CloseRaw(directory);
        }
    }

    /// <summary>The bytes of the link <paramref name="name"/> in <paramref name="directory"/> (empty when it cannot be read).</summary>
    public static byte[] ReadLink(int directory, byte* name)
    {
        var size = 256;
        while (true)
        {
            var buffer = new byte[size];
            nint read;
            fixed (byte* target = buffer)
            {
                read = ReadLinkAt(directory, name, target, (nuint)size);
            }

            if (read < 0)
            {
                return [];
            }

            if (read < size)
            {
                return buffer.AsSpan(0, (int)read).ToArray();
            }

            size *= 4;
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true)]
    private static partial int OpenRaw(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "getdents64")]
    private static partial nint GetDents64(int fd, byte* buffer, nuint size);

    [LibraryImport("libc", EntryPoint = "close")]
    private static partial int CloseRaw(int fd);

    [LibraryImport("libc", EntryPoint = "readlinkat")]
    private static partial nint ReadLinkAt(int directory, byte* path, byte* buffer, nuint size);
}
