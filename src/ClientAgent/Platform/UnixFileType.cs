namespace ClientAgent.Platform;

/// <summary>The <c>S_IFMT</c> type of a path, read without following a link.</summary>
public enum UnixFileType
{
    Regular,
    Directory,
    SymbolicLink,
    Fifo,
    Socket,
    CharacterDevice,
    BlockDevice,
    Unknown,
}
